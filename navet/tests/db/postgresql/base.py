from django.conf import settings
from django.db.backends.postgresql import base, creation

from navet.tests import demo_snapshot


class DatabaseCreation(creation.DatabaseCreation):
    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        template = None if keepdb else demo_snapshot.postgresql_template(self.connection)
        if template is None:
            return super().create_test_db(verbosity, autoclobber, serialize, keepdb)
        self.connection.settings_dict["TEST"]["TEMPLATE"] = template
        name = self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        demo_snapshot.restore_media("postgresql")
        demo_snapshot.restored = True
        return name


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
