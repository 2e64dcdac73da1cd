"""The demo municipality's directories (W3.4, W3.5): services residents choose a provider
for – hemtjänst, förskola and daglig verksamhet enligt LSS – with their providers and two
years of evaluation figures, and the associations the municipality supports.

The content is Swedish. Providers, associations and contact people are invented; their
organisation numbers are invented too but valid (the check digit is right), and their email
addresses and websites use the reserved domain .example, so nothing points at a real
business. Municipal providers are run by Linköpings kommun (212000-0449).

Entries are published through their revisions, so they pass the same publishing checks as
an editor's publish (the uniform format, W3.4/W3.5). Loading is idempotent: what exists is
left as it is."""

import datetime

from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page

from navet.directories.models import (
    Activity,
    Area,
    Association,
    AssociationDirectoryPage,
    AssociationSupport,
    EvaluationFigure,
    EvaluationReport,
    Measure,
    Operator,
    Profile,
    Provider,
    ProviderRequirement,
    QualityRequirement,
    Service,
    ServiceDirectoryPage,
    SpokenLanguage,
)

from .media import make_pdf

MUNICIPALITY = "Linköpings kommun"
MUNICIPAL_NUMBER = "212000-0449"
CITY = "Linköping"

AREAS = [
    "Innerstaden",
    "Vasastaden",
    "Johannelund",
    "Ryd",
    "Skäggetorp",
    "Berga",
    "Lambohov",
    "Ekholmen",
    "Malmslätt",
    "Ljungsbro",
    "Linghem",
    "Sturefors",
]

# (name, code): ISO 639-1 where there is one; Swedish sign language is sgn-SE.
LANGUAGES = [
    ("Svenska", "sv"),
    ("Engelska", "en"),
    ("Arabiska", "ar"),
    ("Persiska", "fa"),
    ("Somaliska", "so"),
    ("Tigrinja", "ti"),
    ("Finska", "fi"),
    ("Bosniska", "bs"),
    ("Polska", "pl"),
    ("Kurdiska", "ku"),
    ("Spanska", "es"),
    ("Svenskt teckenspråk", "sgn-SE"),
]

PROFILES = [
    # Hemtjänst
    "Demenskompetens",
    "Palliativ kompetens",
    "Kvälls- och nattinsatser",
    "Van vid husdjur",
    # Förskola
    "Utomhusprofil",
    "Montessori",
    "Reggio Emilia-inspirerad",
    "Musik och rörelse",
    "Naturvetenskap och teknik",
    # Daglig verksamhet
    "Skapande verksamhet",
    "Djur och natur",
    "Arbete ute i samhället",
    "Lugn miljö",
    "Kafé och kök",
]

ACTIVITIES = [
    "Idrott",
    "Kultur",
    "Musik",
    "Pensionärer",
    "Funktionsrätt",
    "Studieförbund",
    "Scouting",
    "Barn och unga",
    "Natur och friluftsliv",
    "Hembygd",
    "Integration",
]

SOCIALSTYRELSEN = "Socialstyrelsen, Vad tycker de äldre om äldreomsorgen?"
SOCIALSTYRELSEN_URL = "https://www.socialstyrelsen.se/"
OWN_FOLLOW_UP = "Kommunens uppföljning"
SURVEY_PUBLISHED = {2024: datetime.date(2024, 10, 15), 2025: datetime.date(2025, 10, 14)}
FOLLOW_UP_PUBLISHED = {2024: datetime.date(2025, 3, 31), 2025: datetime.date(2026, 3, 31)}

HEMTJANST, FORSKOLA, DAGLIG = "hemtjanst", "forskola", "daglig-verksamhet-lss"

SERVICES = [
    {
        "slug": HEMTJANST,
        "name": "Hemtjänst",
        "owner": "Socialförvaltningen",
        "choice_system": "Lagen om valfrihetssystem (LOV)",
        "summary": (
            "Hjälp i hemmet för dig som har svårt att klara vardagen på egen hand, till "
            "exempel på grund av ålder eller sjukdom. Du väljer själv vem som ger hjälpen."
        ),
        "description": (
            "<p>Du ansöker om hemtjänst hos en biståndshandläggare. Ring kommunens "
            "kontaktcenter på 013-20 60 00 så får du hjälp att komma i kontakt med en "
            "handläggare.</p>"
            "<p>När du har fått ett beslut väljer du utförare. Alla utförare har avtal med "
            "kommunen och följer samma krav. Hemtjänsten kostar lika mycket hos alla. Om du "
            "inte vill välja får du hjälp av Leanlink, som är kommunens egen utförare.</p>"
            "<p>Du kan byta utförare när du vill. Ring din handläggare. Bytet gäller "
            "senast två veckor efter att du har meddelat det.</p>"
        ),
        "requirements": [
            "Personalen har utbildning som undersköterska eller vårdbiträde.",
            "Du får en kontaktperson och en genomförandeplan inom två veckor.",
            "Personalen talar och förstår svenska.",
            "Hjälpen ges alla dagar mellan klockan 7 och 22.",
            "Utföraren tar emot synpunkter och klagomål och svarar inom en vecka.",
        ],
    },
    {
        "slug": FORSKOLA,
        "name": "Förskola",
        "owner": "Utbildningsförvaltningen",
        "choice_system": "Skollagen",
        "summary": (
            "Förskola för barn från ett års ålder tills de börjar i förskoleklass. Du väljer "
            "själv förskola, kommunal eller fristående."
        ),
        "description": (
            "<p>Du ansöker om plats i förskola i kommunens e-tjänst. Ansök senast fyra "
            "månader innan ditt barn ska börja.</p>"
            "<p>Du kan önska flera förskolor. Alla förskolor följer samma läroplan och "
            "kostar lika mycket. Avgiften beror på familjens inkomst och hur många barn du "
            "har i förskolan.</p>"
            "<p>Fristående förskolor har ofta en egen kö. Kontakta förskolan direkt om du "
            "vill veta mer.</p>"
        ),
        "requirements": [
            "Förskolan följer läroplanen för förskolan (Lpfö 18).",
            "Förskolan har legitimerade förskollärare.",
            "Barngrupperna följer Skolverkets riktmärken för storlek.",
            "Barnen får näringsriktig mat som tar hänsyn till allergier och specialkost.",
        ],
    },
    {
        "slug": DAGLIG,
        "name": "Daglig verksamhet enligt LSS",
        "owner": "Socialförvaltningen",
        "choice_system": "Lagen om valfrihetssystem (LOV)",
        "summary": (
            "Meningsfull sysselsättning på dagtid för dig i arbetsför ålder som har en "
            "intellektuell funktionsnedsättning eller autism. Du väljer var du vill vara."
        ),
        "description": (
            "<p>Daglig verksamhet är ett stöd enligt lagen om stöd och service till vissa "
            "funktionshindrade (LSS). Du ansöker hos en LSS-handläggare på kommunen.</p>"
            "<p>När du har fått ett beslut väljer du var du vill vara. Du kan prova på innan "
            "du bestämmer dig. Du kan byta när du vill.</p>"
            "<p>Verksamheterna erbjuder olika saker, till exempel skapande, arbete med djur "
            "eller arbete på en arbetsplats ute i samhället.</p>"
        ),
        "requirements": [
            "Du får en genomförandeplan som du är med och tar fram.",
            "Personalen har utbildning inom funktionshinderområdet.",
            "Verksamheten är öppen vardagar klockan 8–16.",
            "Du har en kontaktperson i verksamheten.",
        ],
    },
]

# Service slug: (name, unit, source, source's address, higher is better, published by year).
MEASURES = {
    HEMTJANST: [
        (
            "Andel brukare som sammantaget är nöjda med hemtjänsten",
            "%",
            SOCIALSTYRELSEN,
            SOCIALSTYRELSEN_URL,
            True,
            SURVEY_PUBLISHED,
        ),
        (
            "Andel som känner förtroende för personalen",
            "%",
            SOCIALSTYRELSEN,
            SOCIALSTYRELSEN_URL,
            True,
            SURVEY_PUBLISHED,
        ),
        (
            "Andel som tycker att personalen tar hänsyn till deras åsikter och önskemål",
            "%",
            SOCIALSTYRELSEN,
            SOCIALSTYRELSEN_URL,
            True,
            SURVEY_PUBLISHED,
        ),
        (
            "Andel som tycker att personalen oftast kommer på avtalad tid",
            "%",
            SOCIALSTYRELSEN,
            SOCIALSTYRELSEN_URL,
            True,
            SURVEY_PUBLISHED,
        ),
        (
            "Antal olika personal under 14 dagar",
            "st",
            "Kolada, Personalkontinuitet i hemtjänsten",
            "https://www.kolada.se/",
            False,
            SURVEY_PUBLISHED,
        ),
        (
            "Andel brukare med aktuell genomförandeplan",
            "%",
            OWN_FOLLOW_UP,
            "",
            True,
            FOLLOW_UP_PUBLISHED,
        ),
        (
            "Andel tillsvidareanställd personal med undersköterskeutbildning",
            "%",
            OWN_FOLLOW_UP,
            "",
            True,
            FOLLOW_UP_PUBLISHED,
        ),
    ],
    FORSKOLA: [
        (
            "Andel nöjda vårdnadshavare",
            "%",
            "Linköpings kommun, Vårdnadshavarenkät förskola",
            "",
            True,
            {2024: datetime.date(2024, 6, 20), 2025: datetime.date(2025, 6, 19)},
        ),
        (
            "Antal barn per förskollärare",
            "st",
            "Skolverket, Barn och personal i förskolan",
            "https://www.skolverket.se/",
            False,
            {2024: datetime.date(2025, 4, 24), 2025: datetime.date(2026, 4, 23)},
        ),
    ],
    DAGLIG: [
        (
            "Andel som trivs på sin dagliga verksamhet",
            "%",
            "Kommunens uppföljning, brukarenkät LSS",
            "",
            True,
            {2024: datetime.date(2025, 2, 14), 2025: datetime.date(2026, 2, 13)},
        ),
        (
            "Andel med en genomförandeplan som har följts upp det senaste året",
            "%",
            OWN_FOLLOW_UP,
            "",
            True,
            FOLLOW_UP_PUBLISHED,
        ),
    ],
}

ALL_AREAS = "alla"

# Per service, its providers in the uniform format. "figures": a (2024, 2025) pair per
# measure, in the order of MEASURES.
PROVIDERS = {
    HEMTJANST: [
        {
            "name": "Leanlink",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Ågatan 40",
            "postal_code": "582 22",
            "areas": ALL_AREAS,
            "assignment": (
                "Leanlink är kommunens egen utförare. Leanlink ger hemtjänst i hela "
                "kommunen, dygnet runt. Om du inte väljer utförare får du hjälp av Leanlink."
            ),
            "languages": ["sv", "en", "ar", "fa", "so", "fi", "bs", "sgn-SE"],
            "profiles": ["Demenskompetens", "Palliativ kompetens", "Kvälls- och nattinsatser"],
            "places": 1450,
            "about": (
                "Leanlink har egna team för dig med demenssjukdom och för dig som behöver "
                "vård i livets slut. Nattpatrullen besöker dig som behöver hjälp på natten."
            ),
            "email": "leanlink@linkoping.se",
            "phone": "013-20 75 00",
            "requirements": ["Ger hjälp dygnet runt, även nattetid."],
            "figures": [
                (86, 87),
                (82, 84),
                (85, 86),
                (74, 77),
                (16, 15),
                (88, 93),
                (78, 80),
            ],
        },
        {
            "name": "Östgöta Hemtjänst",
            "operator": Operator.PRIVATE,
            "organisation": "Östgöta Hemtjänst AB",
            "organisation_number": "559123-4561",
            "street_address": "Platensgatan 18",
            "postal_code": "582 20",
            "areas": ["Innerstaden", "Vasastaden", "Johannelund", "Berga"],
            "assignment": (
                "Hemtjänst med service och personlig omvårdnad i centrala Linköping. "
                "Små arbetslag gör att du oftast träffar samma personal."
            ),
            "languages": ["sv", "en", "pl", "bs"],
            "profiles": ["Demenskompetens", "Van vid husdjur"],
            "places": 140,
            "about": "Familjeägt företag som har funnits i Linköping sedan 2009.",
            "email": "kontakt@ostgotahemtjanst.example",
            "website": "https://www.ostgotahemtjanst.example/",
            "figures": [
                (90, 89),
                (86, 85),
                (89, 88),
                (80, 79),
                (12, 12),
                (95, 97),
                (71, 73),
            ],
        },
        {
            "name": "Stångå Omsorg",
            "operator": Operator.PRIVATE,
            "organisation": "Stångå Omsorg AB",
            "organisation_number": "556812-3342",
            "street_address": "Tanneforsgatan 29",
            "postal_code": "582 24",
            "areas": ["Innerstaden", "Ekholmen", "Lambohov", "Sturefors"],
            "assignment": (
                "Hemtjänst med service och personlig omvårdnad i södra Linköping och "
                "Sturefors. Hjälp med inköp, tvätt, hygien, måltider och att hålla ordning "
                "i hemmet."
            ),
            "languages": ["sv", "en", "ar", "ku"],
            "profiles": ["Demenskompetens"],
            "places": 210,
            "about": "Har sitt kontor i Tannefors och cyklar eller går till de flesta besök.",
            "email": "info@stangaomsorg.example",
            "phone": "013-12 40 50",
            "figures": [
                (84, 88),
                (79, 83),
                (83, 87),
                (71, 78),
                (14, 13),
                (82, 90),
                (65, 69),
            ],
        },
        {
            "name": "Trygga Händer Omsorg",
            "operator": Operator.PRIVATE,
            "organisation": "Trygga Händer Omsorg i Linköping AB",
            "organisation_number": "559034-7810",
            "street_address": "Rydsvägen 212",
            "postal_code": "584 34",
            "areas": ["Ryd", "Johannelund", "Malmslätt", "Vasastaden"],
            "assignment": (
                "Hemtjänst med service och personlig omvårdnad i västra Linköping och "
                "Malmslätt. Vi planerar besöken så att du får så få olika personal som möjligt."
            ),
            "languages": ["sv", "en", "fa", "ti", "es"],
            "profiles": ["Demenskompetens", "Palliativ kompetens"],
            "places": 95,
            "about": "All personal har gått Demensförbundets grundutbildning.",
            "email": "hej@tryggahander.example",
            "website": "https://www.tryggahander.example/",
            "figures": [
                (92, 93),
                (89, 90),
                (91, 92),
                (83, 85),
                (9, 8),
                (100, 98),
                (74, 77),
            ],
        },
        {
            "name": "Salam Omsorg",
            "operator": Operator.PRIVATE,
            "organisation": "Salam Omsorg AB",
            "organisation_number": "559287-1106",
            "street_address": "Skäggetorps centrum 12",
            "postal_code": "584 33",
            "areas": ["Skäggetorp", "Ryd", "Berga", "Innerstaden"],
            "assignment": (
                "Hemtjänst med service och personlig omvårdnad. Många i personalen talar "
                "arabiska, somaliska eller tigrinja, och vi anpassar maten efter dina vanor."
            ),
            "languages": ["sv", "ar", "so", "ti", "ku", "fa"],
            "profiles": ["Kvälls- och nattinsatser"],
            "places": 120,
            "about": "Startade 2018 av undersköterskor som har arbetat i Skäggetorp i många år.",
            "email": "kontakt@salamomsorg.example",
            "phone": "013-10 22 30",
            "figures": [
                (88, 86),
                (85, 81),
                (90, 87),
                (77, 75),
                (11, 13),
                (90, 86),
                (58, 62),
            ],
        },
        {
            "name": "Sisu Omsorg",
            "operator": Operator.PRIVATE,
            "organisation": "Sisu Omsorg AB",
            "organisation_number": "556941-2074",
            "street_address": "Vasavägen 14",
            "postal_code": "582 31",
            "areas": ["Vasastaden", "Innerstaden", "Ljungsbro", "Linghem"],
            "assignment": (
                "Hemtjänst med service och personlig omvårdnad på svenska och finska. "
                "Passar dig som vill få hjälp på ditt modersmål finska."
            ),
            "languages": ["sv", "fi"],
            "profiles": ["Demenskompetens", "Van vid husdjur"],
            "places": 60,
            "about": "Alla som arbetar hos oss talar både svenska och finska.",
            "email": "info@sisuomsorg.example",
            "figures": [
                (91, 90),
                (88, 88),
                (90, 91),
                (81, 82),
                (10, 10),
                (96, 97),
                (80, 82),
            ],
        },
        {
            "name": "Ljusglimten omsorgskooperativ",
            "operator": Operator.NON_PROFIT,
            "organisation": "Ljusglimten omsorgskooperativ ekonomisk förening",
            "organisation_number": "769632-4180",
            "street_address": "Ekholmsvägen 30",
            "postal_code": "589 29",
            "areas": ["Ekholmen", "Lambohov", "Sturefors", "Linghem"],
            "assignment": (
                "Ett kooperativ som ägs av personalen. Vi ger hemtjänst med service och "
                "personlig omvårdnad. Eventuellt överskott går tillbaka till verksamheten."
            ),
            "languages": ["sv", "en", "sgn-SE"],
            "profiles": ["Palliativ kompetens"],
            "places": 45,
            "about": "Flera i personalen kan svenskt teckenspråk.",
            "email": "kontakt@ljusglimten.example",
            "phone": "013-15 80 90",
            "figures": [
                (93, 94),
                (90, 92),
                (92, 93),
                (86, 84),
                (7, 7),
                (100, 100),
                (69, 72),
            ],
        },
    ],
    FORSKOLA: [
        {
            "name": "Ekholmens förskola",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Ekholmsvägen 64",
            "postal_code": "589 29",
            "areas": ["Ekholmen"],
            "assignment": (
                "Kommunal förskola med sex avdelningar för barn mellan ett och fem år. "
                "Förskolan ligger nära skogen och Ekholmens centrum."
            ),
            "languages": ["sv", "en", "ar"],
            "profiles": ["Naturvetenskap och teknik", "Utomhusprofil"],
            "places": 108,
            "about": "Öppet vardagar klockan 6.30–18.30.",
            "email": "utbildning@linkoping.se",
            "phone": "013-20 70 00",
            "figures": [(91, 92), (12.4, 11.8)],
        },
        {
            "name": "Förskolan Solrosen",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Skäggetorps centrum 30",
            "postal_code": "584 33",
            "areas": ["Skäggetorp"],
            "assignment": (
                "Kommunal förskola med fem avdelningar. Vi arbetar mycket med språk, både "
                "svenska och barnens modersmål."
            ),
            "languages": ["sv", "ar", "so", "ti", "ku"],
            "profiles": ["Musik och rörelse"],
            "places": 90,
            "about": "Öppet vardagar klockan 6.30–18.30.",
            "email": "utbildning@linkoping.se",
            "phone": "013-20 70 00",
            "figures": [(88, 90), (13.1, 12.6)],
        },
        {
            "name": "Ryds förskola",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Rydsvägen 100",
            "postal_code": "584 32",
            "areas": ["Ryd"],
            "assignment": "Kommunal förskola med fyra avdelningar nära Rydskogen.",
            "languages": ["sv", "en", "fa"],
            "profiles": ["Utomhusprofil"],
            "places": 72,
            "about": "Öppet vardagar klockan 6.30–18.30.",
            "email": "utbildning@linkoping.se",
            "phone": "013-20 70 00",
            "figures": [(89, 88), (11.9, 12.2)],
        },
        {
            "name": "Förskolan Skogsgläntan",
            "operator": Operator.PRIVATE,
            "organisation": "Skogsgläntan Förskola AB",
            "organisation_number": "556733-9022",
            "street_address": "Lambohovsgatan 12",
            "postal_code": "583 30",
            "areas": ["Lambohov", "Ekholmen", "Sturefors"],
            "assignment": (
                "Fristående förskola med utomhusprofil. Barnen är ute största delen av dagen, "
                "året runt, och äter lunch ute när vädret tillåter."
            ),
            "languages": ["sv", "en"],
            "profiles": ["Utomhusprofil", "Naturvetenskap och teknik"],
            "places": 40,
            "about": "Egen kö. Anmäl ditt barn på förskolans webbplats.",
            "email": "info@skogsglantan.example",
            "website": "https://www.skogsglantan.example/",
            "figures": [(96, 95), (10.5, 10.2)],
        },
        {
            "name": "Montessoriförskolan Pärlan",
            "operator": Operator.NON_PROFIT,
            "organisation": "Föräldrakooperativet Pärlan ekonomisk förening",
            "organisation_number": "716455-0936",
            "street_address": "Johannelundsgatan 8",
            "postal_code": "582 54",
            "areas": ["Johannelund", "Vasastaden"],
            "assignment": (
                "Föräldrakooperativ som arbetar efter Montessoripedagogiken. Föräldrarna "
                "hjälper till i förskolan några veckor per år."
            ),
            "languages": ["sv", "en", "pl"],
            "profiles": ["Montessori"],
            "places": 28,
            "about": "Egen kö. Vi har öppet hus varje vår.",
            "email": "parlan@montessoriparlan.example",
            "figures": [(97, 98), (9.8, 9.6)],
        },
        {
            "name": "Förskolan Lilla Vasa",
            "operator": Operator.PRIVATE,
            "organisation": "Lilla Vasa Förskola AB",
            "organisation_number": "559211-6486",
            "street_address": "Vasagatan 7",
            "postal_code": "582 31",
            "areas": ["Vasastaden", "Innerstaden"],
            "assignment": (
                "Fristående förskola inspirerad av Reggio Emilia. Barnen arbetar i projekt "
                "med bild, form och musik."
            ),
            "languages": ["sv", "en", "es"],
            "profiles": ["Reggio Emilia-inspirerad", "Musik och rörelse"],
            "places": 54,
            "about": "Ligger fem minuters promenad från Resecentrum.",
            "email": "kontakt@lillavasa.example",
            "phone": "013-14 25 36",
            "figures": [(93, 94), (11.0, 11.3)],
        },
    ],
    DAGLIG: [
        {
            "name": "Leanlink Ateljén",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Storgatan 58",
            "postal_code": "582 28",
            "areas": ["Innerstaden", "Vasastaden", "Johannelund"],
            "assignment": (
                "Daglig verksamhet med måleri, keramik och textil. Varje vår har vi en "
                "utställning på stadsbiblioteket."
            ),
            "languages": ["sv", "en", "sgn-SE"],
            "profiles": ["Skapande verksamhet", "Lugn miljö"],
            "places": 24,
            "about": "Ateljén ligger i markplan och är tillgänglig med rullstol.",
            "email": "leanlink@linkoping.se",
            "phone": "013-20 75 00",
            "figures": [(92, 94), (90, 95)],
        },
        {
            "name": "Leanlink Gröna gården",
            "operator": Operator.MUNICIPAL,
            "organisation": MUNICIPALITY,
            "organisation_number": MUNICIPAL_NUMBER,
            "street_address": "Sjögestadsvägen 40",
            "postal_code": "585 92",
            "areas": ["Malmslätt", "Ljungsbro", "Sturefors"],
            "assignment": (
                "Daglig verksamhet på en gård med höns, får och kaniner. Du sköter djuren, "
                "odlar grönsaker och säljer ägg i gårdsbutiken."
            ),
            "languages": ["sv", "en"],
            "profiles": ["Djur och natur"],
            "places": 16,
            "about": "Kommunen ordnar resor till och från gården.",
            "email": "leanlink@linkoping.se",
            "phone": "013-20 75 00",
            "figures": [(95, 96), (100, 100)],
        },
        {
            "name": "Steg för Steg",
            "operator": Operator.PRIVATE,
            "organisation": "Steg för Steg Daglig Verksamhet AB",
            "organisation_number": "559310-2758",
            "street_address": "Bergsvägen 11",
            "postal_code": "586 43",
            "areas": ["Berga", "Innerstaden", "Lambohov", "Ekholmen"],
            "assignment": (
                "Vi hjälper dig att hitta en praktikplats eller ett arbete hos ett företag i "
                "Linköping, och stöttar dig på plats så länge du behöver."
            ),
            "languages": ["sv", "en", "ar", "bs"],
            "profiles": ["Arbete ute i samhället"],
            "places": 35,
            "about": "Vi samarbetar med ett fyrtiotal arbetsplatser i Linköping.",
            "email": "info@stegforsteg.example",
            "website": "https://www.stegforsteg.example/",
            "figures": [(87, 90), (85, 92)],
        },
        {
            "name": "Kooperativet Kvarnen",
            "operator": Operator.NON_PROFIT,
            "organisation": "Kooperativet Kvarnen ekonomisk förening",
            "organisation_number": "769628-5514",
            "street_address": "Hamngatan 15",
            "postal_code": "582 26",
            "areas": ["Innerstaden", "Vasastaden", "Skäggetorp"],
            "assignment": (
                "Socialt arbetskooperativ med kafé och bageri. Du bakar, lagar mat och möter "
                "gäster i kaféet."
            ),
            "languages": ["sv", "en", "so"],
            "profiles": ["Kafé och kök"],
            "places": 20,
            "about": "Kaféet har öppet för allmänheten vardagar klockan 10–15.",
            "email": "kafe@kvarnen.example",
            "phone": "013-13 57 90",
            "figures": [(93, 91), (94, 96)],
        },
    ],
}

# (provider, title, year, source, published on, the document's lines)
REPORTS = [
    (
        "Leanlink",
        "Uppföljning av hemtjänsten 2025 – Leanlink",
        2025,
        OWN_FOLLOW_UP,
        datetime.date(2026, 3, 31),
        [
            "Uppföljning av hemtjänsten 2025 – Leanlink",
            "Socialförvaltningen, Linköpings kommun",
            "Genomförandeplanerna är aktuella för 93 procent av brukarna.",
        ],
    ),
    (
        "Trygga Händer Omsorg",
        "Uppföljning av hemtjänsten 2025 – Trygga Händer Omsorg",
        2025,
        OWN_FOLLOW_UP,
        datetime.date(2026, 3, 31),
        [
            "Uppföljning av hemtjänsten 2025 – Trygga Händer Omsorg",
            "Socialförvaltningen, Linköpings kommun",
            "Inga avvikelser från avtalet.",
        ],
    ),
    (
        "Salam Omsorg",
        "Uppföljning av hemtjänsten 2025 – Salam Omsorg",
        2025,
        OWN_FOLLOW_UP,
        datetime.date(2026, 3, 31),
        [
            "Uppföljning av hemtjänsten 2025 – Salam Omsorg",
            "Socialförvaltningen, Linköpings kommun",
            "Utföraren ska höja andelen undersköterskor under 2026.",
        ],
    ),
]

ASSOCIATIONS = [
    {
        "name": "Ryds IK",
        "organisation_number": "802415-3671",
        "purpose": (
            "Att ge barn, unga och vuxna i Ryd möjlighet att spela fotboll, oavsett "
            "förutsättningar och hur mycket pengar familjen har."
        ),
        "activities": ["Idrott", "Barn och unga"],
        "activity_description": (
            "Fotboll för flickor och pojkar från sex år, två damlag och ett herrlag. Vi lånar "
            "ut fotbollsskor till den som behöver."
        ),
        "area": "Ryd",
        "meeting_place": "Rydsvallen, Rydsvägen 150",
        "contact_name": "Amir Haddad",
        "email": "kansli@rydsik.example",
        "website": "https://www.rydsik.example/",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Aktivitetsbidrag", 86400),
            (2024, "Lokalbidrag", 40000),
            (2025, "Aktivitetsbidrag", 91200),
            (2025, "Lokalbidrag", 42000),
        ],
    },
    {
        "name": "Skäggetorps Basketklubb",
        "organisation_number": "802002-8711",
        "purpose": "Att erbjuda basket och en meningsfull fritid för unga i Skäggetorp.",
        "activities": ["Idrott", "Barn och unga"],
        "activity_description": (
            "Träningar fyra kvällar i veckan och öppen hall på fredagar. Läxhjälp före "
            "träningen på onsdagar."
        ),
        "area": "Skäggetorp",
        "meeting_place": "Skäggetorpshallen",
        "contact_name": "Hodan Warsame",
        "email": "info@skaggetorpsbasket.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Aktivitetsbidrag", 52800),
            (2025, "Aktivitetsbidrag", 58300),
            (2025, "Projektbidrag", 25000),
        ],
    },
    {
        "name": "Konstföreningen Stångå",
        "organisation_number": "802449-1261",
        "purpose": (
            "Att väcka intresse för konst och ge lokala konstnärer en plats att visa sin konst."
        ),
        "activities": ["Kultur"],
        "activity_description": (
            "Utställningar, konstvandringar och ett årligt konstlotteri för medlemmarna."
        ),
        "area": "Innerstaden",
        "meeting_place": "Föreningens galleri, Ågatan 19",
        "contact_name": "Birgitta Sjögren",
        "email": "styrelsen@konststanga.example",
        "website": "https://www.konststanga.example/",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [(2024, "Verksamhetsbidrag", 30000), (2025, "Verksamhetsbidrag", 30000)],
    },
    {
        "name": "Berga Seniorer",
        "organisation_number": "817601-2345",
        "purpose": (
            "Att ge pensionärer i Berga gemenskap, rörelse och inflytande i frågor som rör äldre."
        ),
        "activities": ["Pensionärer"],
        "activity_description": (
            "Stavgång på tisdagar, bridge på torsdagar och föredrag en gång i månaden. "
            "Föreningen sitter med i kommunens pensionärsråd."
        ),
        "area": "Berga",
        "meeting_place": "Berga träffpunkt, Bergsvägen 4",
        "contact_name": "Gunnel Axelsson",
        "phone": "013-17 42 10",
        "owner": "Socialförvaltningen",
        "support": [
            (2024, "Bidrag till pensionärsorganisationer", 18000),
            (2025, "Bidrag till pensionärsorganisationer", 19500),
        ],
    },
    {
        "name": "Lambohovs seniorklubb",
        "organisation_number": "802468-2752",
        "purpose": "Att motverka ensamhet bland äldre i Lambohov och Ekholmen.",
        "activities": ["Pensionärer", "Natur och friluftsliv"],
        "activity_description": (
            "Kaffe och samtal varje måndag, utflykter i Östergötland och en "
            "datakurs för den som vill lära sig mer om mobil och surfplatta."
        ),
        "area": "Lambohov",
        "meeting_place": "Lambohovs fritidsgård, Lambohovsgatan 5",
        "contact_name": "Rolf Engström",
        "email": "seniorklubben@lambohov.example",
        "owner": "Socialförvaltningen",
        "support": [
            (2024, "Bidrag till pensionärsorganisationer", 12000),
            (2025, "Bidrag till pensionärsorganisationer", 12500),
        ],
    },
    {
        "name": "Föreningen Delaktighet Linköping",
        "organisation_number": "802012-4593",
        "purpose": (
            "Att arbeta för att personer med funktionsnedsättning ska kunna delta i "
            "samhället på samma villkor som andra."
        ),
        "activities": ["Funktionsrätt"],
        "activity_description": (
            "Rådgivning till medlemmar, samtalsgrupper och påverkansarbete. Vi granskar "
            "tillgängligheten i nya byggnader tillsammans med kommunen."
        ),
        "area": "Innerstaden",
        "meeting_place": "Föreningarnas hus, Nygatan 48",
        "contact_name": "Maja Lindström",
        "email": "info@delaktighet.example",
        "phone": "013-16 30 20",
        "owner": "Socialförvaltningen",
        "support": [
            (2024, "Bidrag till funktionsrättsorganisationer", 45000),
            (2025, "Bidrag till funktionsrättsorganisationer", 47000),
        ],
    },
    {
        "name": "Teckenspråksföreningen i Östergötland",
        "organisation_number": "802437-7189",
        "purpose": (
            "Att vara en mötesplats för döva, hörselskadade och alla som använder teckenspråk."
        ),
        "activities": ["Funktionsrätt", "Kultur"],
        "activity_description": (
            "Teckenspråkskaféer, teater på teckenspråk och kurser i teckenspråk för anhöriga."
        ),
        "area": "Vasastaden",
        "meeting_place": "Föreningslokalen, Drottninggatan 31",
        "contact_name": "Jonas Åkesson",
        "email": "kontakt@teckensprak-ostergotland.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [(2024, "Verksamhetsbidrag", 22000), (2025, "Verksamhetsbidrag", 24000)],
    },
    {
        "name": "Studieförbundet Folkbildning Östergötland",
        "organisation_number": "876500-3929",
        "purpose": "Att ge vuxna möjlighet att lära sig nya saker tillsammans med andra.",
        "activities": ["Studieförbund", "Integration"],
        "activity_description": (
            "Studiecirklar i språk, musik och hantverk. Svenska för nyanlända och "
            "språkkaféer på flera bibliotek."
        ),
        "area": "Innerstaden",
        "meeting_place": "Studieförbundets lokaler, Hamngatan 3",
        "contact_name": "Karin Melin",
        "email": "linkoping@folkbildning-ostergotland.example",
        "phone": "013-24 80 00",
        "website": "https://www.folkbildning-ostergotland.example/",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Bidrag till studieförbund", 310000),
            (2025, "Bidrag till studieförbund", 318000),
        ],
    },
    {
        "name": "Johannelunds scoutkår",
        "organisation_number": "802477-4138",
        "purpose": (
            "Att ge barn och unga äventyr i naturen och låta dem växa som människor genom scouting."
        ),
        "activities": ["Scouting", "Barn och unga", "Natur och friluftsliv"],
        "activity_description": (
            "Veckomöten för alla åldrar från sju år, hajker och sommarläger. Alla ledare "
            "har gått scouternas ledarutbildning."
        ),
        "area": "Johannelund",
        "meeting_place": "Scoutstugan vid Johannelunds idrottsplats",
        "contact_name": "Erik Holmberg",
        "email": "kararen@johannelundsscout.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Aktivitetsbidrag", 28800),
            (2024, "Lokalbidrag", 15000),
            (2025, "Aktivitetsbidrag", 31200),
            (2025, "Lokalbidrag", 15000),
        ],
    },
    {
        "name": "Malmslätts hembygdsförening",
        "organisation_number": "802003-2150",
        "purpose": "Att bevara och berätta om Malmslätts historia.",
        "activities": ["Hembygd", "Kultur"],
        "activity_description": (
            "Föreningen sköter hembygdsgården, ordnar guidade vandringar och firar "
            "midsommar och nationaldag i Malmslätt."
        ),
        "area": "Malmslätt",
        "meeting_place": "Hembygdsgården, Malmslätt",
        "contact_name": "Lars-Göran Pettersson",
        "phone": "013-29 10 45",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [(2024, "Verksamhetsbidrag", 15000), (2025, "Verksamhetsbidrag", 16500)],
    },
    {
        "name": "Ljungsbro blåsorkester",
        "organisation_number": "802478-8294",
        "purpose": "Att spela blåsmusik och ge konserter för alla i Ljungsbro med omnejd.",
        "activities": ["Musik", "Kultur"],
        "activity_description": (
            "Orkestern övar varje onsdag och ger fyra konserter om året. Nybörjare "
            "kan låna instrument."
        ),
        "area": "Ljungsbro",
        "meeting_place": "Ljungsbro skola, musiksalen",
        "contact_name": "Anneli Forsberg",
        "email": "info@ljungsbroblas.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [(2024, "Verksamhetsbidrag", 20000), (2025, "Verksamhetsbidrag", 21000)],
    },
    {
        "name": "Kvinnoföreningen Hooyo",
        "organisation_number": "802461-1900",
        "purpose": (
            "Att stärka kvinnor i Skäggetorp och underlätta vägen in i det svenska samhället."
        ),
        "activities": ["Integration"],
        "activity_description": (
            "Samtalsgrupper på svenska och somaliska, cykelkurser, simning för kvinnor och "
            "stöd i kontakten med skola och myndigheter."
        ),
        "area": "Skäggetorp",
        "meeting_place": "Skäggetorps bibliotek, mötesrummet",
        "contact_name": "Fadumo Ali",
        "email": "hooyo@kvinnoforeningen.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [(2024, "Projektbidrag", 35000), (2025, "Verksamhetsbidrag", 40000)],
    },
    {
        "name": "Linghems friluftsförening",
        "organisation_number": "802426-7547",
        "purpose": "Att få fler i Linghem att vara ute i naturen, året runt.",
        "activities": ["Natur och friluftsliv", "Barn och unga"],
        "activity_description": (
            "Skogsmulle för de yngsta, vandringar, paddling på Roxen och skidor när det finns snö."
        ),
        "area": "Linghem",
        "meeting_place": "Linghems friluftsgård",
        "contact_name": "Sanna Öberg",
        "email": "info@linghemfriluft.example",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Aktivitetsbidrag", 14400),
            (2025, "Aktivitetsbidrag", 16800),
        ],
    },
    {
        "name": "Sturefors ridklubb",
        "organisation_number": "802417-3869",
        "purpose": "Att erbjuda ridning och hästkunskap för barn, unga och vuxna.",
        "activities": ["Idrott", "Barn och unga"],
        "activity_description": (
            "Ridlektioner, ponnyridning för de minsta och ett stallgäng för unga som vill "
            "lära sig sköta hästar."
        ),
        "area": "Sturefors",
        "meeting_place": "Ridhuset i Sturefors",
        "contact_name": "Cecilia Wahlberg",
        "email": "kansli@stureforsridklubb.example",
        "website": "https://www.stureforsridklubb.example/",
        "owner": "Kultur- och fritidsförvaltningen",
        "support": [
            (2024, "Aktivitetsbidrag", 62400),
            (2024, "Lokalbidrag", 55000),
            (2025, "Aktivitetsbidrag", 64800),
            (2025, "Lokalbidrag", 55000),
        ],
    },
]

SERVICE_DIRECTORY = {
    "title": "Välja utförare",
    "slug": "valja-utforare",
    "intro": (
        "Inom hemtjänst, förskola och daglig verksamhet kan du själv välja vem som ska ge "
        "dig stödet. Här visas alla utförare på samma sätt, så att det är lätt att jämföra "
        "dem. Du ser vem som driver verksamheten, vad de erbjuder och vad uppföljningarna "
        "visar."
    ),
}
ASSOCIATION_DIRECTORY = {
    "title": "Föreningar med stöd från kommunen",
    "slug": "foreningar",
    "owner": "Kultur- och fritidsförvaltningen",
    "intro": (
        "Här finns föreningarna som får stöd från kommunen. Du ser vad de gör, var de "
        "träffas och hur du kontaktar dem. Vill du vara med? Kontakta föreningen direkt."
    ),
}


# Loading ------------------------------------------------------------------------------------


def _named(model, names) -> dict:
    """Reference list entries by name; those that exist are used as they are."""
    entries = {}
    for name in names:
        slug = slugify(name)
        entry = model.objects.filter(name=name).first() or model.objects.filter(slug=slug).first()
        entries[name] = entry or model.objects.create(name=name, slug=slug)
    return entries


def _languages() -> dict:
    languages = {}
    for name, code in LANGUAGES:
        language = (
            SpokenLanguage.objects.filter(code=code).first()
            or SpokenLanguage.objects.filter(name=name).first()
        )
        languages[code] = language or SpokenLanguage.objects.create(name=name, code=code)
    return languages


def _publish_entry(entry):
    """Published through a revision, so the publishing checks apply (a refusal raises)."""
    entry.save_revision(user=None).publish(user=None)
    entry.refresh_from_db()
    return entry


def _service(data: dict, *, units) -> Service:
    existing = Service.objects.filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    service = Service(
        name=data["name"],
        slug=data["slug"],
        summary=data["summary"],
        description=data["description"],
        owning_unit=units[data["owner"]],
        choice_system=data["choice_system"],
        live=False,
    )
    service.requirements = [QualityRequirement(text=text) for text in data["requirements"]]
    service.save()
    return _publish_entry(service)


def _measures(service: Service, rows) -> list[tuple[Measure, dict]]:
    measures = []
    for name, unit, source, source_url, higher_is_better, published in rows:
        measure, _ = Measure.objects.get_or_create(
            service=service,
            name=name,
            defaults={
                "unit": unit,
                "source": source,
                "source_url": source_url,
                "higher_is_better": higher_is_better,
            },
        )
        measures.append((measure, published))
    return measures


def _provider(service: Service, data: dict, *, areas, languages, profiles) -> Provider:
    slug = slugify(data["name"])
    existing = Provider.objects.filter(service=service, slug=slug).first()
    if existing is not None:
        return existing
    provider = Provider(
        service=service,
        name=data["name"],
        slug=slug,
        operator=data["operator"],
        organisation=data["organisation"],
        organisation_number=data["organisation_number"],
        street_address=data["street_address"],
        postal_code=data["postal_code"],
        city=CITY,
        assignment=data["assignment"],
        places=data.get("places"),
        about=data.get("about", ""),
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        website=data.get("website", ""),
        live=False,
    )
    provider.full_clean(exclude=["service", "areas", "languages", "profiles"])
    provider.save()
    served = AREAS if data["areas"] == ALL_AREAS else data["areas"]
    provider.areas.set([areas[name] for name in served])
    provider.languages.set([languages[code] for code in data["languages"]])
    provider.profiles.set([profiles[name] for name in data.get("profiles", [])])
    provider.additional_requirements = [
        ProviderRequirement(text=text) for text in data.get("requirements", [])
    ]
    provider.save()
    return _publish_entry(provider)


def _figures(provider: Provider, measures, values) -> int:
    have = set(EvaluationFigure.objects.filter(provider=provider).values_list("measure_id", "year"))
    new = [
        EvaluationFigure(
            provider=provider,
            measure=measure,
            year=year,
            value=str(value),
            published_on=published[year],
        )
        for (measure, published), pair in zip(measures, values, strict=True)
        for year, value in zip((2024, 2025), pair, strict=True)
        if (measure.pk, year) not in have
    ]
    EvaluationFigure.objects.bulk_create(new)
    return len(new)


def _reports(*, collection: Collection) -> None:
    Document = get_document_model()
    for provider_name, title, year, source, published_on, lines in REPORTS:
        provider = Provider.objects.filter(service__slug=HEMTJANST, name=provider_name).first()
        if (
            provider is None
            or EvaluationReport.objects.filter(provider=provider, title=title).exists()
        ):
            continue
        document = Document.objects.filter(title=title).first()
        if document is None:
            data = make_pdf(lines=lines)
            document = Document(title=title, collection=collection, file_size=len(data))
            document.file.save(f"{slugify(title)}.pdf", ContentFile(data), save=False)
            document.save()
        EvaluationReport.objects.create(
            provider=provider,
            year=year,
            title=title,
            source=source,
            published_on=published_on,
            document=document,
        )


def _association(data: dict, *, units, areas, activities) -> Association:
    slug = slugify(data["name"])
    existing = Association.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    association = Association(
        name=data["name"],
        slug=slug,
        organisation_number=data["organisation_number"],
        purpose=data["purpose"],
        activity_description=data["activity_description"],
        area=areas[data["area"]],
        meeting_place=data["meeting_place"],
        contact_name=data["contact_name"],
        email=data.get("email", ""),
        phone=data.get("phone", ""),
        website=data.get("website", ""),
        owning_unit=units[data["owner"]],
        live=False,
    )
    association.full_clean(exclude=["activities", "area", "owning_unit"])
    association.save()
    association.activities.set([activities[name] for name in data["activities"]])
    association.support = [
        AssociationSupport(year=year, kind=kind, amount=amount)
        for year, kind, amount in data["support"]
    ]
    association.save()
    return _publish_entry(association)


def _page(*, parent: Page, page: Page) -> Page:
    existing = parent.get_children().filter(slug=page.slug).first()
    if existing is not None:
        return existing.specific
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def load_directories(*, units, public_start, public_sections) -> dict[str, int]:
    """The directories' reference lists, entries, figures and public pages."""
    areas = _named(Area, AREAS)
    languages = _languages()
    profiles = _named(Profile, PROFILES)
    activities = _named(Activity, ACTIVITIES)

    for data in SERVICES:
        service = _service(data, units=units)
        measures = _measures(service, MEASURES[data["slug"]])
        for provider_data in PROVIDERS[data["slug"]]:
            provider = _provider(
                service, provider_data, areas=areas, languages=languages, profiles=profiles
            )
            _figures(provider, measures, provider_data["figures"])
    social = units["Socialförvaltningen"]
    _reports(collection=social.public_collection or Collection.get_first_root_node())

    for data in ASSOCIATIONS:
        _association(data, units=units, areas=areas, activities=activities)

    _page(
        parent=public_start,
        page=ServiceDirectoryPage(
            title=SERVICE_DIRECTORY["title"],
            slug=SERVICE_DIRECTORY["slug"],
            intro=SERVICE_DIRECTORY["intro"],
        ),
    )
    _page(
        parent=public_sections[ASSOCIATION_DIRECTORY["owner"]],
        page=AssociationDirectoryPage(
            title=ASSOCIATION_DIRECTORY["title"],
            slug=ASSOCIATION_DIRECTORY["slug"],
            intro=ASSOCIATION_DIRECTORY["intro"],
        ),
    )
    return {
        "services": Service.objects.count(),
        "providers": Provider.objects.count(),
        "figures": EvaluationFigure.objects.count(),
        "associations": Association.objects.count(),
    }
