import sqlite3

from django.conf import settings
from django.db.backends.sqlite3 import base, creation

from navet.tests import demo_snapshot


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        snapshot = demo_snapshot.sqlite_file()
        name = self._get_test_db_name()
        if snapshot is None or not self.is_in_memory_db(name):
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source = sqlite3.connect(snapshot)
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()
        demo_snapshot.restore_media("sqlite")
        demo_snapshot.restored = True
        return name


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
