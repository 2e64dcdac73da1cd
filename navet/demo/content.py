"""Demo content for both sites, in plain Swedish. Bodies are lists of blocks:
("h2", text), ("p", html), ("fact", heading, html), ("doc", key), ("img", key)."""

PUBLIC_START = {
    "title": "Linköpings kommun",
    "intro": "Här hittar du information om kommunens service, nyheter och hur du kontaktar oss.",
    "owner": "Planerad kommunikation",
}
INTRANET_START = {
    "title": "Linweb – intranätet",
    "intro": "Nyheter, stöd och verktyg för dig som arbetar i Linköpings kommun.",
    "owner": "Planerad kommunikation",
}

# Public section pages by owning administration: intro and content pages.
PUBLIC_SECTIONS = {
    "Kommunledningsförvaltningen": {
        "intro": "Så styrs kommunen, vem som beslutar och hur du kan påverka.",
        "pages": [
            (
                "Så styrs Linköpings kommun",
                "Kommunfullmäktige är kommunens högsta beslutande organ.",
                [
                    (
                        "p",
                        "<p>Invånarna i Linköping väljer vart fjärde år vilka som ska sitta i "
                        "kommunfullmäktige. Fullmäktige beslutar om budget, skatt och mål för "
                        "kommunens arbete.</p>",
                    ),
                    ("h2", "Kommunstyrelsen leder arbetet"),
                    (
                        "p",
                        "<p>Kommunstyrelsen leder och samordnar kommunens arbete och ansvarar "
                        "för ekonomin. Nämnderna ansvarar för var sitt område, till exempel "
                        "skola eller socialt stöd.</p>",
                    ),
                    (
                        "fact",
                        "Fullmäktiges möten",
                        "<p>Mötena är öppna för alla. Du kan också "
                        "se dem i efterhand på webben.</p>",
                    ),
                ],
            ),
            (
                "Kontakta kommunen",
                "Ring, mejla eller besök oss. Kontaktcenter hjälper dig vidare.",
                [
                    (
                        "p",
                        "<p>Kontaktcenter svarar på frågor om kommunens service vardagar "
                        "klockan 8–17. Ring 013-20 60 00 eller mejla kommun@linkoping.se.</p>",
                    ),
                    ("h2", "Besök oss"),
                    (
                        "p",
                        "<p>Du hittar oss i Stadshuset, Stora torget 1. Det finns hörslinga "
                        "och ramp vid entrén.</p>",
                    ),
                ],
            ),
            (
                "Kommunens styrdokument",
                "Policyer, riktlinjer och program som styr kommunens arbete.",
                [
                    (
                        "p",
                        "<p>Här finns de styrdokument som gäller för hela kommunen. Dokumenten "
                        "beslutas av fullmäktige, kommunstyrelsen eller kommundirektören.</p>",
                    ),
                    ("doc", "kommunikationspolicy"),
                ],
            ),
        ],
    },
    "Utbildningsförvaltningen": {
        "intro": "Förskola, grundskola, gymnasium och vuxenutbildning i Linköping.",
        "pages": [
            (
                "Ansök om plats i förskola",
                "Ansök senast fyra månader innan ditt barn ska börja.",
                [
                    (
                        "p",
                        "<p>Alla barn från ett års ålder har rätt till förskola om "
                        "vårdnadshavarna arbetar eller studerar. Du ansöker i e-tjänsten "
                        "med BankID.</p>",
                    ),
                    ("h2", "Så går det till"),
                    (
                        "p",
                        "<ol><li>Välj upp till fem förskolor.</li><li>Skicka in ansökan.</li>"
                        "<li>Du får ett erbjudande om plats inom fyra månader.</li></ol>",
                    ),
                    ("img", "forskola"),
                ],
            ),
            (
                "Skolval till förskoleklass och årskurs 7",
                "Du väljer skola för ditt barn i januari varje år.",
                [
                    (
                        "p",
                        "<p>Du kan välja bland alla kommunala och fristående skolor i "
                        "Linköping. Om du inte gör något val får ditt barn plats i en skola "
                        "nära hemmet.</p>",
                    ),
                    (
                        "fact",
                        "Viktiga datum",
                        "<ul><li>Skolvalet öppnar 10 januari.</li>"
                        "<li>Skolvalet stänger 31 januari.</li></ul>",
                    ),
                ],
            ),
            (
                "Skollunch och specialkost",
                "Alla elever får en kostnadsfri lunch varje skoldag.",
                [
                    (
                        "p",
                        "<p>Om ditt barn behöver specialkost av medicinska skäl lämnar du "
                        "ett intyg till skolans kök. Blanketten finns hos skolan.</p>",
                    ),
                ],
            ),
        ],
    },
    "Socialförvaltningen": {
        "intro": "Stöd till dig som behöver hjälp med ekonomi, boende eller relationer.",
        "pages": [
            (
                "Ekonomiskt bistånd",
                "Du kan få hjälp med pengar till det du behöver för att leva.",
                [
                    (
                        "p",
                        "<p>Ekonomiskt bistånd är till för dig som inte kan försörja dig på "
                        "annat sätt. Du ansöker i e-tjänsten eller på ett möte med en "
                        "handläggare.</p>",
                    ),
                    ("h2", "Det här behöver du skicka in"),
                    (
                        "p",
                        "<ul><li>Kontoutdrag för de senaste tre månaderna.</li>"
                        "<li>Hyresavi.</li><li>Beslut om andra ersättningar.</li></ul>",
                    ),
                ],
            ),
            (
                "Stöd vid våld i nära relationer",
                "Du som utsätts för våld kan få skydd, stöd och råd.",
                [
                    (
                        "p",
                        "<p>Ring 112 om du är i fara. Du kan prata med socialjouren dygnet "
                        "runt på telefon 013-20 63 00.</p>",
                    ),
                    (
                        "fact",
                        "Du är inte ensam",
                        "<p>Vi lyssnar och hjälper dig att hitta en "
                        "trygg lösning. Du kan vara anonym när du ringer.</p>",
                    ),
                    # An external link: marked automatically (W3.4–W3.6).
                    (
                        "p",
                        "<p>Du kan också ringa Kvinnofridslinjen på 020-50 50 50 eller läsa "
                        'mer hos <a href="https://www.1177.se/liv--halsa/vald-och-overgrepp/">'
                        "1177 Vårdguiden</a>.</p>",
                    ),
                ],
            ),
            (
                "Familjerådgivning",
                "Samtal för par och familjer som vill förbättra sin relation.",
                [
                    (
                        "p",
                        "<p>Familjerådgivningen har tystnadsplikt och för inga journaler. "
                        "Ett samtal kostar 250 kronor.</p>",
                    ),
                ],
            ),
        ],
    },
    "Kultur- och fritidsförvaltningen": {
        "intro": "Bibliotek, idrott, friluftsliv och kultur för alla åldrar.",
        "pages": [
            (
                "Stadsbiblioteket",
                "Låna böcker, läs tidningar och använd datorer gratis.",
                [
                    (
                        "p",
                        "<p>Stadsbiblioteket har öppet alla dagar. Du behöver ett lånekort "
                        "för att låna. Kortet är gratis.</p>",
                    ),
                    ("img", "bibliotek"),
                ],
            ),
            (
                "Boka idrottshall",
                "Föreningar och privatpersoner kan hyra hallar och planer.",
                [
                    (
                        "p",
                        "<p>Du bokar i bokningssystemet. Föreningar med bidrag från kommunen "
                        "betalar ett lägre pris.</p>",
                    ),
                ],
            ),
        ],
    },
    "Miljö- och samhällsbyggnadsförvaltningen": {
        "intro": "Bygglov, detaljplaner, miljö och hälsa.",
        "pages": [
            (
                "Ansök om bygglov",
                "Du behöver bygglov för att bygga nytt, bygga till eller ändra fasaden.",
                [
                    (
                        "p",
                        "<p>Skicka in ansökan i e-tjänsten med ritningar. Vi handlägger "
                        "ansökan inom tio veckor från att den är komplett.</p>",
                    ),
                    ("h2", "Avgift"),
                    (
                        "p",
                        "<p>Avgiften beror på hur stort projektet är. Du betalar när du "
                        "har fått beslut.</p>",
                    ),
                ],
            ),
            (
                "Detaljplaner på samråd",
                "Tyck till om hur staden ska byggas.",
                [
                    (
                        "p",
                        "<p>När en ny detaljplan tas fram kan alla lämna synpunkter under "
                        "samrådet. Planerna visas också i Stadshuset.</p>",
                    ),
                ],
            ),
        ],
    },
    "Leanlink": {
        "intro": "Leanlink är kommunens egen utförare av vård, omsorg och stöd.",
        "pages": [
            (
                "Hemtjänst från Leanlink",
                "Leanlink är en av flera utförare av hemtjänst i Linköping.",
                [
                    (
                        "p",
                        "<p>Du som har beslut om hemtjänst väljer själv utförare. Leanlink "
                        "finns i alla delar av kommunen och har personal dygnet runt.</p>",
                    ),
                ],
            ),
        ],
    },
}

INTRANET_SECTIONS = {
    "Kommunledningsförvaltningen": {
        "intro": "Stöd i kommunikation, ekonomi, HR och digitalisering för hela kommunen.",
        "pages": [
            (
                "Kommunikationsstöd från staben",
                "Så får förvaltningarna stöd från Kommunikations- och utvecklingsstaben.",
                [
                    (
                        "p",
                        "<p>Frågor om media, kris, webbutveckling och grafisk produktion "
                        "skickar du till stabens funktionsbrevlådor. Då följer ärendet den "
                        'beslutade processen. <a href="/arenden/">Skicka ett ärende till '
                        "staben</a>.</p>",
                    ),
                    ("h2", "Kris utanför kontorstid"),
                    (
                        "p",
                        "<p>Kommunikatör i beredskap (KiB) tar hand om det första skedet i "
                        "en kris. Sedan tar förvaltningen över. "
                        '<a href="/kris/jour/">Se vem som har beredskap nu</a>.</p>',
                    ),
                    ("doc", "tillampningsanvisning"),
                ],
            ),
            (
                "Webbrådet",
                "Webbrådet driver utvecklingen av kommunens webbplatser.",
                [
                    (
                        "p",
                        "<p>Webbrådet träffas en gång i månaden. Ordförande är chefen för "
                        "Planerad kommunikation. Huvudredaktörerna från förvaltningarna "
                        'ingår. <a href="/forum/">Möten, handlingar och kalender för '
                        "forum och nätverk</a>.</p>",
                    ),
                ],
            ),
            (
                "Skriv för webben",
                "Tips för dig som skriver på linkoping.se och intranätet.",
                [
                    (
                        "p",
                        "<p>Skriv det viktigaste först. Använd korta meningar och vanliga "
                        "ord. Varje nyhet ska ha en ingress.</p>",
                    ),
                    ("img", "redaktor"),
                ],
            ),
        ],
    },
    "Utbildningsförvaltningen": {
        "intro": "Information för dig som arbetar i förskola och skola.",
        "pages": [
            (
                "Läsårstider för personal",
                "Planeringsdagar och lov för läsåret.",
                [
                    (
                        "p",
                        "<p>Höstterminen börjar med två planeringsdagar. Lärare har "
                        "ferietjänst under sommarlovet.</p>",
                    ),
                    ("doc", "lasarstider"),
                ],
            ),
            (
                "Rutin vid elevolycka",
                "Så gör du om en elev skadar sig i skolan.",
                [
                    (
                        "p",
                        "<ol><li>Ge första hjälpen och ring 112 vid behov.</li>"
                        "<li>Kontakta vårdnadshavare.</li><li>Anmäl i systemet för "
                        "tillbud och olyckor samma dag.</li></ol>",
                    ),
                ],
            ),
        ],
    },
    "Socialförvaltningen": {
        "intro": "Rutiner och stöd för socialförvaltningens medarbetare.",
        "pages": [
            (
                "Dokumentation i socialtjänsten",
                "Krav och stöd för att dokumentera rätt.",
                [
                    (
                        "p",
                        "<p>All dokumentation ska vara saklig och begriplig för den det "
                        "gäller. Läs rutinen innan du börjar arbeta i verksamhetssystemet.</p>",
                    ),
                ],
            ),
        ],
    },
    "Kultur- och fritidsförvaltningen": {
        "intro": "För medarbetare inom bibliotek, kultur och fritid.",
        "pages": [
            (
                "Evenemangskalendern",
                "Så lägger du in evenemang som visas på linkoping.se.",
                [("p", "<p>Alla evenemang granskas av en redaktör innan de publiceras.</p>")],
            ),
        ],
    },
    "Miljö- och samhällsbyggnadsförvaltningen": {
        "intro": "För medarbetare inom plan, bygg och miljö.",
        "pages": [
            (
                "Handläggningstider",
                "Aktuella handläggningstider att hänvisa till.",
                [("p", "<p>Bygglov: tio veckor. Strandskyddsdispens: åtta veckor.</p>")],
            ),
        ],
    },
    "Leanlink": {
        "intro": "För medarbetare i Leanlinks verksamheter.",
        "pages": [
            (
                "Schemaläggning i hemtjänsten",
                "Så fungerar planeringen av besök hos brukare.",
                [("p", "<p>Planerarna lägger schemat två veckor i förväg.</p>")],
            ),
        ],
    },
}

# (title, ingress, body html, days ago, owning unit)
PUBLIC_NEWS = [
    (
        "Nya förskolor öppnar i Vallastaden och Ullstämma",
        "I augusti öppnar två nya förskolor med plats för 240 barn.",
        "<p>Förskolorna har stora gårdar och ligger nära skog. Du kan redan nu välja dem i "
        "ansökan om förskoleplats.</p>",
        2,
        "Utbildningsförvaltningen",
    ),
    (
        "Stadsbiblioteket har längre öppettider i vinter",
        "Från 1 december har Stadsbiblioteket öppet till klockan 21 på vardagar.",
        "<p>Det blir lättare att besöka biblioteket efter jobbet eller skolan.</p>",
        5,
        "Kultur- och fritidsförvaltningen",
    ),
    (
        "Vattenläcka i centrum är lagad",
        "Vattnet är tillbaka för alla hushåll på Drottninggatan.",
        "<p>Läckan upptäcktes på natten. Alla hushåll hade vatten igen klockan 14.</p>",
        8,
        "Nyheter och media",
    ),
    (
        "Lämna synpunkter på den nya översiktsplanen",
        "Nu kan du tycka till om hur Linköping ska växa fram till år 2050.",
        "<p>Planen visas på biblioteket och i Stadshuset. Du kan lämna synpunkter till "
        "och med 31 januari.</p>",
        12,
        "Miljö- och samhällsbyggnadsförvaltningen",
    ),
    (
        "Fler får hjälp av socialjouren",
        "Socialjouren förstärks med fler medarbetare på kvällar och helger.",
        "<p>Förstärkningen gör att fler kan få stöd snabbt när det behövs.</p>",
        15,
        "Socialförvaltningen",
    ),
    (
        "Leanlink startar nattpatrull i Skäggetorp",
        "Från januari finns en ny nattpatrull för hemtjänsten i Skäggetorp.",
        "<p>Patrullen gör att brukarna får besök snabbare på natten.</p>",
        20,
        "Leanlink",
    ),
]

INTRANET_NEWS = [
    (
        "Ny version av intranätet i vår",
        "Linweb får ny design och bättre sökfunktion under våren.",
        "<p>Webbrådet har tagit fram kraven tillsammans med redaktörerna.</p>",
        1,
        "Planerad kommunikation",
    ),
    (
        "Utbildning för nya redaktörer",
        "Planerad kommunikation håller utbildning för nya webbredaktörer i februari.",
        "<p>Utbildningen tar en halv dag. Anmäl dig via din huvudredaktör.</p>",
        3,
        "Planerad kommunikation",
    ),
    (
        "Ändrade rutiner för krisberedskap",
        "Kommunikatör i beredskap nås nu på ett nytt nummer.",
        "<p>Numret finns i krisplanen. Uppdatera dina kontakter.</p>",
        6,
        "Nyheter och media",
    ),
    (
        "Planeringsdagar inför vårterminen",
        "Alla skolor har planeringsdagar 8 och 9 januari.",
        "<p>Programmet skickas ut av rektorerna.</p>",
        9,
        "Utbildningsförvaltningen",
    ),
    (
        "Nytt verksamhetssystem i socialtjänsten",
        "Socialförvaltningen byter verksamhetssystem i mars.",
        "<p>Alla medarbetare får utbildning innan bytet.</p>",
        14,
        "Socialförvaltningen",
    ),
]

# key: (title, file name, collection "public"/"intranet", lines of text)
DOCUMENTS = {
    "kommunikationspolicy": (
        "Kommunikationspolicy för Linköpings kommun",
        "kommunikationspolicy.pdf",
        "public",
        ["Kommunikationspolicy för Linköpings kommun", "Beslutad av kommunfullmäktige."],
    ),
    "tillampningsanvisning": (
        "Tillämpningsanvisning till kommunikationspolicyn",
        "tillampningsanvisning-kommunikation.pdf",
        "intranet",
        ["Kommunövergripande tillämpningsanvisning", "Senast reviderad 2022-11-07."],
    ),
    "lasarstider": (
        "Läsårstider för personal",
        "lasarstider-personal.pdf",
        "intranet",
        ["Läsårstider för personal", "Planeringsdagar och lov."],
    ),
}

# key: (title, collection, colour, alt text)
IMAGES = {
    "forskola": (
        "Barn leker på förskolegården",
        "public",
        (62, 142, 65),
        "Barn som leker i en sandlåda",
    ),
    "bibliotek": (
        "Stadsbibliotekets läsesal",
        "public",
        (0, 80, 140),
        "Bokhyllor och läsplatser i ett ljust bibliotek",
    ),
    "redaktor": (
        "Redaktörer i webbrådet",
        "intranet",
        (45, 90, 39),
        "Fyra personer samlade kring en dator",
    ),
}

# W3.3a: news that is important for many, and the infomaster's top news per start page.
IMPORTANT_NEWS = {"Vattenläcka i centrum är lagad", "Ändrade rutiner för krisberedskap"}
TOP_NEWS = {
    "public": "Nya förskolor öppnar i Vallastaden och Ullstämma",
    "intranet": "Ny version av intranätet i vår",
}

# W3.3b: intranet news that concerns external readers too; its public version follows it.
# (title, ingress, body html, days ago, owning unit)
NEWS_FOR_BOTH = [
    (
        "Ny läsårsplanering för grundskolan",
        "Från hösten börjar alla grundskolor samma dag, 18 augusti.",
        "<p>Personalen får planeringen först. Vårdnadshavare får information i "
        "lärplattformen samma vecka.</p>",
        4,
        "Utbildningsförvaltningen",
    ),
]

# W3.3d: demo pages already past their review date, and by how many days.
OVERDUE_PAGES = {
    "Skollunch och specialkost": 20,
    "Familjerådgivning": 3,
    "Handläggningstider": 40,
}

# W3.3e: a page in easy-to-read Swedish (lättläst), linked from the page it explains.
EASY_TO_READ = {
    "Ekonomiskt bistånd": (
        "Ekonomiskt bistånd – lättläst",
        "Du kan få pengar från kommunen om du inte har pengar till mat och hyra.",
        [
            (
                "p",
                "<p>Har du inte pengar till mat? Har du inte pengar till hyran? "
                "Då kan du få hjälp av kommunen.</p>",
            ),
            ("h2", "Så ansöker du"),
            (
                "p",
                "<p>Du ansöker på webben. Du kan också ringa oss. Vi hjälper dig att fylla i.</p>",
            ),
        ],
    ),
}

# Site identity shown in headers and footers.
IDENTITY = {
    "own_domains": "linkoping.se",
    "postal_address": "Linköpings kommun, 581 81 Linköping",
    "contact_phone": "013-20 60 00",
    "contact_email": "kommun@linkoping.se",
}

# Tillgänglighetsredogörelse, one per site (lag 2018:1937, DIGG's model statement).
STATEMENTS = {
    "public": {
        "title": "Tillgänglighetsredogörelse",
        "service_name": "linkoping.se",
        "status": "partial",
        "non_compliant": (
            "<ul><li>Några äldre PDF-dokument saknar rubrikstruktur och kan vara svåra att "
            "läsa med skärmläsare (WCAG 1.3.1). Vi gör om dem under 2027.</li>"
            "<li>Kartan över detaljplaner går inte att använda med tangentbord "
            "(WCAG 2.1.1). Samma information finns som lista.</li></ul>"
        ),
        "burden": "<p>Vi åberopar inte oskäligt betungande anpassning.</p>",
        "outside": "<p>Filmer som publicerades före den 23 september 2020.</p>",
        "method": (
            "<p>Vi har testat webbplatsen själva med automatiska verktyg (axe och W3C:s "
            "valideringstjänst) vid varje ändring och manuellt med tangentbord och "
            "skärmläsare.</p>"
        ),
        "email": "webb@linkoping.se",
    },
    "intranet": {
        "title": "Tillgänglighetsredogörelse för intranätet",
        "service_name": "Linweb, kommunens intranät",
        "status": "partial",
        "non_compliant": (
            "<ul><li>Vissa äldre dokument i dokumentarkivet saknar alternativtext för "
            "bilder (WCAG 1.1.1).</li></ul>"
        ),
        "burden": "",
        "outside": "<p>Dokument från andra myndigheter som vi länkar till.</p>",
        "method": "<p>Automatiska tester vid varje ändring och manuella tester varje år.</p>",
        "email": "webb@linkoping.se",
    },
}

# A few translated pages (W3.3e: translations into relevant languages): the public start
# page in each language, and "Kontakta kommunen" in some of them.
TRANSLATIONS = {
    "en": {
        "start": (
            "Linköping Municipality",
            "Information about the municipality's services, news and how to contact us.",
        ),
        "section": (
            "Municipality and politics",
            "How the municipality is governed and how you can have a say.",
        ),
        "contact": (
            "Contact the municipality",
            "Call, email or visit us. The contact centre helps you on your way.",
            "<p>The contact centre answers questions about the municipality's services on weekdays "
            "from 8 am to 5 pm. Call +46 13 20 60 00 or email kommun@linkoping.se.</p>",
        ),
    },
    "fi": {
        "start": ("Linköpingin kunta", "Tietoa kunnan palveluista, uutisia ja yhteystietoja."),
        "section": ("Kunta ja politiikka", "Miten kuntaa johdetaan ja miten voit vaikuttaa."),
        "contact": (
            "Ota yhteyttä kuntaan",
            "Soita, lähetä sähköpostia tai käy luonamme.",
            "<p>Asiakaspalvelu vastaa kysymyksiin arkisin kello 8–17. Soita numeroon "
            "013-20 60 00 tai lähetä sähköpostia osoitteeseen kommun@linkoping.se.</p>",
        ),
    },
    "ar": {
        "start": ("بلدية لينشوبينغ", "معلومات عن خدمات البلدية والأخبار وكيفية التواصل معنا."),
        "section": ("البلدية والسياسة", "كيف تُدار البلدية وكيف يمكنك التأثير."),
        "contact": (
            "تواصل مع البلدية",
            "اتصل بنا أو راسلنا بالبريد الإلكتروني أو قم بزيارتنا.",
            "<p>يجيب مركز الاتصال على الأسئلة أيام العمل من الساعة 8 إلى 17. "
            "اتصل على الرقم 013-20 60 00 أو راسلنا على kommun@linkoping.se.</p>",
        ),
    },
    "fa": {
        "start": ("شهرداری لینشوپینگ", "اطلاعات درباره خدمات شهرداری، اخبار و راه‌های تماس با ما."),
    },
    "so": {
        "start": (
            "Degmada Linköping",
            "Macluumaad ku saabsan adeegyada degmada iyo sida nala loola xiriiro.",
        ),
    },
    "ti": {
        "start": ("ምምሕዳር ከተማ ሊንሾፒንግ", "ሓበሬታ ብዛዕባ ኣገልግሎታት ምምሕዳርን ከመይ ጌርካ ከም ትረኽበናን።"),
    },
}
