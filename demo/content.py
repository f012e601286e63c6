"""
Demonstration content for the portal, in Arabic, English and French.

Only data lives here; `manage.py load_demo_content` turns it into records.

Two partners are real: ICESCO, the organization that publishes the site and
is party to every agreement, and the UNESCO Regional Center for Quality and
Excellence in Education, which appears only in the model case, whose facts
come from the product brief (PRODUCT.md). Every other partner is fictional
and says so in its description: the other agreements, and the events in the
other articles, are invented, and no real body other than ICESCO takes part
in them. All prose was written for this project.

Conventions:
- texts are dicts keyed by language code; a missing language means "no
  translation" (one article has no French on purpose, to show the fallback);
- slugs are run through `slugify` by the command (Unicode kept for Arabic);
- `slug["en"]` is the stable key of categories and articles, `slug` that of
  partners, and an agreement is found by its signing date and its partners;
- agreement areas and projects hold one item per line;
- `image` describes the picture the command draws; `image_alt` says what it shows;
  two articles also have an `image_caption` and an `image_credit` (one text, a name).
"""

# Publication times are wall-clock times at the organization's seat in Rabat.
TIME_ZONE = "Africa/Casablanca"

# The one article that is scheduled is published this many days after the
# command first runs.
SCHEDULED_IN_DAYS = 60

# The organization that publishes the site (organization.SiteIdentity): set
# once, when the site has no identity yet; an administrator's edits stay.
# The contact details are placeholders on reserved example domains.
ORGANIZATION = {
    "name": {
        "ar": "منظمة العالم الإسلامي للتربية والعلوم والثقافة",
        "en": "Islamic World Educational, Scientific and Cultural Organization",
        "fr": "Organisation du monde islamique pour l'éducation, les sciences et la culture",
    },
    "short_name": {"ar": "إيسيسكو", "en": "ICESCO", "fr": "ICESCO"},
    "postal_address": {
        "ar": "ص. ب. 0000 (عنوان تجريبي)\nالرباط\nالمغرب",
        "en": "P.O. Box 0000 (demonstration address)\nRabat\nMorocco",
        "fr": "B.P. 0000 (adresse de démonstration)\nRabat\nMaroc",
    },
    "email": "contact@example.org",
    "social_accounts": "https://social.example.org/@icesco-demo\nhttps://video.example.org/icesco-demo",
}

# Who made the pictures: the command itself, so the credit says so.
DEMO_IMAGE_CREDIT = "Demo drawing, made with Pillow"

CATEGORIES = [
    {
        "name": {"ar": "اتفاقيات", "en": "Agreements", "fr": "Accords"},
        "slug": {"ar": "اتفاقيات", "en": "agreements", "fr": "accords"},
    },
    {
        "name": {"ar": "فعاليات", "en": "Events", "fr": "Événements"},
        "slug": {"ar": "فعاليات", "en": "events", "fr": "evenements"},
    },
    {
        "name": {"ar": "بيانات", "en": "Statements", "fr": "Déclarations"},
        "slug": {"ar": "بيانات", "en": "statements", "fr": "declarations"},
    },
    {
        "name": {"ar": "برامج", "en": "Programmes", "fr": "Programmes"},
        "slug": {"ar": "برامج", "en": "programmes", "fr": "programmes"},
    },
    {
        "name": {"ar": "تراث", "en": "Heritage", "fr": "Patrimoine"},
        "slug": {"ar": "تراث", "en": "heritage", "fr": "patrimoine"},
    },
]

_FICTIONAL = {
    "ar": " هذه المؤسسة متخيَّلة، ولا ترد إلا في المحتوى التجريبي للبوابة.",
    "en": " This organization is fictional and appears only in the portal's demonstration content.",
    "fr": (
        " Cette organisation est fictive et n'apparaît que dans le contenu de démonstration du "
        "portail."
    ),
}

PARTNERS = [
    {
        "slug": "icesco",
        "country": "MA",
        "website": "https://example.org/icesco",
        "logo": {"shape": "star", "color": (11, 110, 79), "accent": (201, 162, 39)},
        "name": {
            "ar": "منظمة العالم الإسلامي للتربية والعلوم والثقافة",
            "en": "Islamic World Educational, Scientific and Cultural Organization",
            "fr": "Organisation du monde islamique pour l'éducation, les sciences et la culture",
        },
        "acronym": {"ar": "إيسيسكو", "en": "ICESCO", "fr": "ICESCO"},
        "description": {
            "ar": (
                "منظمة دولية تعمل في مجالات التربية والعلوم والثقافة، مقرها الرباط في المملكة "
                "المغربية."
            ),
            "en": "An international organization working in education, science and culture, "
            "headquartered in Rabat, Morocco.",
            "fr": "Organisation internationale œuvrant dans les domaines de l'éducation, des "
            "sciences et de la culture, dont le siège est à Rabat, au Maroc.",
        },
    },
    {
        "slug": "rcqe",
        "country": "SA",
        "website": "https://example.org/rcqe",
        "logo": {"shape": "hexagon", "color": (23, 78, 166), "accent": (96, 178, 229)},
        "name": {
            "ar": "مركز اليونسكو الإقليمي للجودة والتميز في التعليم",
            "en": "UNESCO Regional Center for Quality and Excellence in Education",
            "fr": "Centre régional de l'UNESCO pour la qualité et l'excellence dans l'éducation",
        },
        "acronym": {"ar": "RCQE", "en": "RCQE", "fr": "RCQE"},
        "description": {
            "ar": "مركز إقليمي يعمل تحت مظلة اليونسكو على تعزيز الجودة والتميز في التعليم، "
            "ومقره المملكة العربية السعودية.",
            "en": "A regional centre working under the auspices of UNESCO to promote quality and "
            "excellence in education, based in Saudi Arabia.",
            "fr": "Centre régional placé sous l'égide de l'UNESCO, qui œuvre pour la qualité et "
            "l'excellence dans l'éducation ; son siège se trouve en Arabie saoudite.",
        },
    },
    {
        "slug": "meridian-heritage-institute",
        "country": "TN",
        "website": "https://example.org/meridian-heritage-institute",
        "logo": {"shape": "arch", "color": (178, 76, 45), "accent": (232, 196, 140)},
        "name": {
            "ar": "معهد ميريديان للتراث الحي",
            "en": "Meridian Institute for Living Heritage",
            "fr": "Institut Méridien du patrimoine vivant",
        },
        "acronym": {"ar": "MILH", "en": "MILH", "fr": "IMPV"},
        "description": {
            "ar": "معهد يعمل مع المجتمعات المحلية على توثيق التراث الحي ونقله إلى الأجيال: "
            "التقاليد الشفهية والحرف والموسيقى والاحتفالات." + _FICTIONAL["ar"],
            "en": "An institute that works with communities to document and pass on living "
            "heritage: oral traditions, crafts, music and festivals." + _FICTIONAL["en"],
            "fr": "Institut qui travaille avec les communautés pour documenter et transmettre le "
            "patrimoine vivant : traditions orales, artisanat, musique et fêtes."
            + _FICTIONAL["fr"],
        },
    },
    {
        "slug": "lighthouse-open-universities",
        "country": "JO",
        "website": "https://example.org/lighthouse-open-universities",
        "logo": {"shape": "beam", "color": (20, 33, 61), "accent": (252, 196, 45)},
        "name": {
            "ar": "شبكة المنارة للجامعات المفتوحة",
            "en": "Lighthouse Network of Open Universities",
            "fr": "Réseau Phare des universités ouvertes",
        },
        "acronym": {"ar": "LNOU", "en": "LNOU", "fr": "RPUO"},
        "description": {
            "ar": "شبكة من الجامعات المفتوحة وجامعات التعليم عن بُعد، تتقاسم المقررات والأدوات "
            "ومعايير الجودة." + _FICTIONAL["ar"],
            "en": "A network of open and distance-learning universities that share courses, tools "
            "and quality standards." + _FICTIONAL["en"],
            "fr": "Réseau d'universités ouvertes et d'enseignement à distance qui mettent en "
            "commun cours, outils et normes de qualité." + _FICTIONAL["fr"],
        },
    },
    {
        "slug": "oasis-science-education",
        "country": "SN",
        "website": "https://example.org/oasis-science-education",
        "logo": {"shape": "drop", "color": (0, 128, 128), "accent": (255, 183, 3)},
        "name": {
            "ar": "مؤسسة الواحة لتعليم العلوم",
            "en": "Oasis Foundation for Science Education",
            "fr": "Fondation Oasis pour l'enseignement des sciences",
        },
        "acronym": {"ar": "OFSE", "en": "OFSE", "fr": "FOES"},
        "description": {
            "ar": "مؤسسة تحمل تعليم العلوم بالتجربة إلى المدارس التي لا تملك مختبرات، وتدعم "
            "معلمي العلوم." + _FICTIONAL["ar"],
            "en": "A foundation that brings hands-on science to schools without laboratories and "
            "supports science teachers." + _FICTIONAL["en"],
            "fr": "Fondation qui apporte les sciences expérimentales dans les écoles dépourvues de "
            "laboratoire et soutient les professeurs de sciences." + _FICTIONAL["fr"],
        },
    },
    {
        "slug": "jasmine-digital-learning",
        "country": "FR",
        "website": "https://example.org/jasmine-digital-learning",
        "logo": {"shape": "petals", "color": (106, 76, 147), "accent": (255, 255, 255)},
        "name": {
            "ar": "مركز الياسمين للتعلم الرقمي",
            "en": "Jasmine Centre for Digital Learning",
            "fr": "Centre Jasmin pour l'apprentissage numérique",
        },
        "acronym": {"ar": "JCDL", "en": "JCDL", "fr": "CJAN"},
        "description": {
            "ar": "مركز للبحث والتدريب في مجال التعلم الرقمي وتصميم المقررات الميسَّرة والموارد "
            "التعليمية المفتوحة." + _FICTIONAL["ar"],
            "en": "A centre for research and training in digital learning, accessible course "
            "design and open educational resources." + _FICTIONAL["en"],
            "fr": "Centre de recherche et de formation consacré à l'apprentissage numérique, à la "
            "conception de cours accessibles et aux ressources éducatives libres."
            + _FICTIONAL["fr"],
        },
    },
]

# Who signs for each partner. No person is named: the signatory is recorded
# by the office they hold, which is what the public record needs.
SIGNING_OFFICES = {
    "icesco": {
        "ar": "المدير العام للإيسيسكو",
        "en": "Director-General of ICESCO",
        "fr": "Directeur général de l'ICESCO",
    },
    "rcqe": {
        "ar": "المدير العام لمركز اليونسكو الإقليمي للجودة والتميز في التعليم",
        "en": "Director-General of the UNESCO Regional Center for Quality and Excellence in "
        "Education",
        "fr": "Directeur général du Centre régional de l'UNESCO pour la qualité et l'excellence "
        "dans l'éducation",
    },
    "meridian-heritage-institute": {
        "ar": "مدير معهد ميريديان للتراث الحي",
        "en": "Director of the Meridian Institute for Living Heritage",
        "fr": "Directeur de l'Institut Méridien du patrimoine vivant",
    },
    "lighthouse-open-universities": {
        "ar": "الأمين العام لشبكة المنارة للجامعات المفتوحة",
        "en": "Secretary-General of the Lighthouse Network of Open Universities",
        "fr": "Secrétaire général du Réseau Phare des universités ouvertes",
    },
    "oasis-science-education": {
        "ar": "رئيس مؤسسة الواحة لتعليم العلوم",
        "en": "President of the Oasis Foundation for Science Education",
        "fr": "Président de la Fondation Oasis pour l'enseignement des sciences",
    },
    "jasmine-digital-learning": {
        "ar": "مدير مركز الياسمين للتعلم الرقمي",
        "en": "Director of the Jasmine Centre for Digital Learning",
        "fr": "Directeur du Centre Jasmin pour l'apprentissage numérique",
    },
}

# The slug (in English) of the article that tells the model case.
MODEL_CASE_SLUG = "icesco-and-regional-center-sign-quality-and-excellence-agreement"

ARTICLES = [
    # The model case (PRODUCT.md): its facts only, nothing added.
    {
        "category": "agreements",
        "status": "published",
        "published_at": "2023-11-09 10:00",
        "featured": True,
        "image": {
            "pattern": "rings",
            "colors": [(16, 32, 84), (0, 121, 128), (226, 184, 76)],
        },
        "slug": {
            "ar": "الإيسيسكو ومركز الجودة والتميز في التعليم يوقعان اتفاقية تعاون",
            "en": MODEL_CASE_SLUG,
            "fr": "icesco-et-centre-regional-qualite-excellence-education-signent-un-accord",
        },
        "title": {
            "ar": (
                "الإيسيسكو ومركز اليونسكو الإقليمي للجودة والتميز في التعليم يوقعان اتفاقية تعاون"
            ),
            "en": "ICESCO and the UNESCO Regional Center for Quality and Excellence in Education "
            "sign a cooperation agreement",
            "fr": "L'ICESCO et le Centre régional de l'UNESCO pour la qualité et l'excellence dans "
            "l'éducation signent un accord de coopération",
        },
        "summary": {
            "ar": "على هامش الدورة الثانية والأربعين للمؤتمر العام لليونسكو في باريس، اتفقت "
            "المنظمتان على التعاون مدة خمس سنوات في مجالات الجودة والتميز والابتكار في التعليم.",
            "en": "Meeting in Paris during the 42nd session of the UNESCO General Conference, the "
            "two organizations agreed to work together for five years on quality, excellence and "
            "innovation in education.",
            "fr": "Réunies à Paris lors de la 42e session de la Conférence générale de l'UNESCO, "
            "les deux organisations se sont engagées à coopérer pendant cinq ans en faveur de la "
            "qualité, de l'excellence et de l'innovation dans l'éducation.",
        },
        "body": {
            "ar": (
                "<p>وقّع المدير العام لمنظمة العالم الإسلامي للتربية والعلوم والثقافة (إيسيسكو) "
                "والمدير العام لمركز اليونسكو الإقليمي للجودة والتميز في التعليم، يوم 8 نوفمبر "
                "2023 في باريس، اتفاقية تعاون مدتها خمس سنوات. وجرى التوقيع على هامش الدورة "
                "الثانية والأربعين للمؤتمر العام لليونسكو، بحضور وزير التعليم في المملكة العربية "
                "السعودية.</p>"
                "<p>وتحدد الاتفاقية ثلاثة مجالات للعمل المشترك بين الجانبين:</p>"
                "<ul>"
                "<li>تبادل الخبرات؛</li>"
                "<li>البحوث والبرامج في مجالات الجودة والتميز والابتكار في التعليم؛</li>"
                "<li>السياسات التعليمية.</li>"
                "</ul>"
                "<p>كما تنص الاتفاقية على تنفيذ مشروعات إقليمية مشتركة، هي: مشروع عربي نموذجي "
                "للجودة والتميز في التعليم، ومشروع لتدريب القيادات التعليمية، وسلسلة من ورش العمل "
                "الإقليمية.</p>"
                "<p>وتظل الاتفاقية سارية المفعول خمس سنوات ابتداءً من تاريخ توقيعها.</p>"
            ),
            "en": (
                "<p>On 8 November 2023, in Paris, the Director-General of ICESCO and the "
                "Director-General of the UNESCO Regional Center for Quality and Excellence in "
                "Education signed a five-year cooperation agreement. The signing took place on the "
                "sidelines of the 42nd session of the UNESCO General Conference, in the presence "
                "of "
                "the Minister of Education of Saudi Arabia.</p>"
                "<p>The agreement sets out three areas in which the two organizations will work "
                "together:</p>"
                "<ul>"
                "<li>the exchange of expertise;</li>"
                "<li>research and programmes on quality, excellence and innovation in "
                "education;</li>"
                "<li>educational policy.</li>"
                "</ul>"
                "<p>It also provides for joint regional projects: an Arab model project for "
                "quality and excellence in education, a project to train educational leaders, and "
                "a series of regional workshops.</p>"
                "<p>The agreement remains in force for five years from the date of signing.</p>"
            ),
            "fr": (
                "<p>Le 8 novembre 2023, à Paris, le directeur général de l'ICESCO et le directeur "
                "général du Centre régional de l'UNESCO pour la qualité et l'excellence dans "
                "l'éducation ont signé un accord de coopération d'une durée de cinq ans. La "
                "signature a eu lieu en marge de la 42e session de la Conférence générale de "
                "l'UNESCO, en présence du ministre saoudien de l'Éducation.</p>"
                "<p>L'accord définit trois domaines de travail commun :</p>"
                "<ul>"
                "<li>l'échange d'expertise ;</li>"
                "<li>la recherche et les programmes consacrés à la qualité, à l'excellence et à "
                "l'innovation dans l'éducation ;</li>"
                "<li>les politiques éducatives.</li>"
                "</ul>"
                "<p>Il prévoit également des projets régionaux communs : un projet arabe modèle "
                "pour la qualité et l'excellence dans l'éducation, un projet de formation des "
                "responsables éducatifs et une série d'ateliers régionaux.</p>"
                "<p>L'accord reste en vigueur pendant cinq ans à compter de sa signature.</p>"
            ),
        },
        "image_alt": {
            "ar": "حلقات ذهبية متحدة المركز على خلفية متدرجة من الأزرق الداكن إلى الأزرق المخضر.",
            "en": "Concentric gold rings on a gradient from navy blue to teal.",
            "fr": "Des anneaux dorés concentriques sur un dégradé allant du bleu marine au bleu "
            "canard.",
        },
        "image_caption": {
            "ar": "رسم توضيحي للاتفاقية الموقعة في باريس يوم 8 نوفمبر 2023.",
            "en": "An illustration for the agreement signed in Paris on 8 November 2023.",
            "fr": "Illustration pour l'accord signé à Paris le 8 novembre 2023.",
        },
        "image_credit": DEMO_IMAGE_CREDIT,
    },
    {
        "category": "statements",
        "status": "published",
        "published_at": "2022-02-21 09:30",
        "image": {
            "pattern": "waves",
            "colors": [(110, 20, 45), (236, 124, 38), (250, 238, 210)],
        },
        "slug": {
            "ar": "اليوم الدولي للغة الأم 2022",
            "en": "international-mother-language-day-2022",
            "fr": "journee-internationale-de-la-langue-maternelle-2022",
        },
        "title": {
            "ar": "في اليوم الدولي للغة الأم: التعلّم يبدأ بلغة البيت",
            "en": "International Mother Language Day: learning starts in the language of home",
            "fr": "Journée internationale de la langue maternelle : apprendre commence dans la "
            "langue de la maison",
        },
        "summary": {
            "ar": "تدعو الإيسيسكو الدول الأعضاء إلى منح اللغة الأم مكانة ثابتة في السنوات الأولى "
            "من التعليم، إلى جانب اللغات الوطنية والدولية التي سيحتاج إليها التلاميذ لاحقًا.",
            "en": "ICESCO encourages its Member States to give the mother tongue a secure place in "
            "the first years of school, alongside the national and international languages pupils "
            "will need later.",
            "fr": "L'ICESCO invite ses États membres à accorder à la langue maternelle une place "
            "assurée dans les premières années d'école, aux côtés des langues nationales et "
            "internationales dont les élèves auront besoin plus tard.",
        },
        "body": {
            "ar": (
                "<p>حين يبدأ الأطفال مسيرتهم الدراسية بلغة يفهمونها، يتعلمون القراءة أسرع، "
                "ويشاركون في الفصل بثقة أكبر، وتقل احتمالات انقطاعهم عن الدراسة. وبمناسبة اليوم "
                "الدولي للغة الأم، تدعو الإيسيسكو دولها الأعضاء إلى إفساح مكان ثابت للغات البيت "
                "في التعليم المبكر.</p>"
                "<p>ولا يعني ذلك المفاضلة بين اللغات، فالبرامج متعددة اللغات المحكمة التخطيط "
                "تنطلق من اللغة الأم، ثم تبني خطوة بعد خطوة إتقان اللغات الوطنية والدولية التي "
                "يحتاج إليها التلاميذ في مواصلة دراستهم وفي حياتهم المهنية.</p>"
                "<p>وتبدي المنظمة استعدادها لتقاسم خبراتها مع الوزارات الراغبة في إعداد المواد "
                "التعليمية وتدريب المعلمين وتقييم البرامج متعددة اللغات، ولمساعدة المجتمعات "
                "المحلية على توثيق اللغات القليلة التدوين ونقلها إلى الأجيال الجديدة.</p>"
            ),
            "en": (
                "<p>Children who begin school in a language they already understand learn to read "
                "sooner, take part more readily in class and are less likely to drop out. On "
                "International Mother Language Day, ICESCO invites its Member States to give the "
                "languages of home a secure place in early education.</p>"
                "<p>This does not mean choosing between languages. Well-planned multilingual "
                "programmes start from the mother tongue and build, step by step, the national and "
                "international languages that pupils will need for further study and for "
                "work.</p>"
                "<p>The Organization stands ready to share its experience with ministries that "
                "wish to develop teaching materials, train teachers and evaluate multilingual "
                "programmes, and to help communities record and pass on languages that are rarely "
                "written.</p>"
            ),
            "fr": (
                "<p>Les enfants qui commencent l'école dans une langue qu'ils comprennent déjà "
                "apprennent à lire plus tôt, participent plus volontiers en classe et risquent "
                "moins de décrocher. À l'occasion de la Journée internationale de la langue "
                "maternelle, l'ICESCO invite ses États membres à donner aux langues de la maison "
                "une place assurée dans l'éducation de la petite enfance.</p>"
                "<p>Il ne s'agit pas de choisir entre les langues. Des programmes multilingues "
                "bien conçus partent de la langue maternelle pour construire, pas à pas, la "
                "maîtrise des langues nationales et internationales dont les élèves auront besoin "
                "pour poursuivre leurs études et travailler.</p>"
                "<p>L'Organisation se tient prête à partager son expérience avec les ministères "
                "qui souhaitent élaborer des supports pédagogiques, former des enseignants et "
                "évaluer des programmes multilingues, ainsi qu'à aider les communautés à consigner "
                "et à transmettre des langues rarement écrites.</p>"
            ),
        },
        "image_alt": {
            "ar": "خطوط متموجة بلون كريمي تنساب على خلفية متدرجة من العنابي إلى البرتقالي.",
            "en": "Wavy cream-coloured lines flowing across a gradient from burgundy to orange.",
            "fr": "Des lignes ondulées couleur crème sur un dégradé allant du bordeaux à l'orange.",
        },
        "image_caption": {
            "ar": "رسم توضيحي لليوم الدولي للغة الأم، 21 فبراير.",
            "en": "An illustration for International Mother Language Day, 21 February.",
            "fr": "Illustration pour la Journée internationale de la langue maternelle, le "
            "21 février.",
        },
        "image_credit": DEMO_IMAGE_CREDIT,
    },
    {
        "category": "agreements",
        "status": "published",
        "published_at": "2022-06-14 11:00",
        "image": {
            "pattern": "sun",
            "colors": [(246, 138, 52), (232, 96, 140), (252, 215, 58), (22, 82, 50)],
        },
        "slug": {
            "ar": "الإيسيسكو ومؤسسة الواحة تجددان شراكتهما في تعليم العلوم",
            "en": "icesco-and-oasis-foundation-renew-science-education-partnership",
            "fr": "icesco-et-fondation-oasis-renouvellent-leur-partenariat",
        },
        "title": {
            "ar": "الإيسيسكو ومؤسسة الواحة لتعليم العلوم تجددان شراكتهما لخمس سنوات",
            "en": "ICESCO and the Oasis Foundation for Science Education renew their partnership "
            "for five years",
            "fr": "L'ICESCO et la Fondation Oasis pour l'enseignement des sciences renouvellent "
            "leur partenariat pour cinq ans",
        },
        "summary": {
            "ar": "اتفاقية جديدة وُقّعت في داكار تبني على ثلاث سنوات من ورش العلوم المتنقلة، "
            "وتوسّع التعاون ليشمل تدريب المعلمين ونوادي العلوم للفتيات.",
            "en": "A new agreement signed in Dakar builds on three years of mobile science "
            "workshops and extends the cooperation to teacher training and science clubs for "
            "girls.",
            "fr": "Un nouvel accord signé à Dakar prolonge trois années d'ateliers scientifiques "
            "itinérants et étend la coopération à la formation des enseignants et aux clubs de "
            "sciences pour les filles.",
        },
        "body": {
            "ar": (
                "<p>وقّعت الإيسيسكو ومؤسسة الواحة لتعليم العلوم اتفاقية تعاون جديدة في داكار يوم "
                "13 يونيو 2022، تخلف الاتفاقية الأولى بين الجانبين التي وُقّعت عام 2019 لمدة ثلاث "
                "سنوات وانتهى العمل بها في مارس الماضي.</p>"
                "<p>وفي إطار الاتفاقية السابقة، حملت ورش متنقلة تجارب عملية في الفيزياء والكيمياء "
                "والأحياء إلى مدارس لا تملك مختبرات. وتواصل الاتفاقية الجديدة، الممتدة خمس سنوات، "
                "هذا العمل وتضيف إليه محورين: تدريب معلمي العلوم على طرائق التعلم بالاستقصاء، "
                "ودعم نوادي العلوم للفتيات في المرحلة الإعدادية.</p>"
                "<p>وسيُصدر الشريكان أيضًا مجموعة مفتوحة من التجارب منخفضة التكلفة يستطيع "
                "المعلمون إجراءها بمواد متوافرة في الحياة اليومية، باللغات العربية والإنجليزية "
                "والفرنسية.</p>"
            ),
            "en": (
                "<p>ICESCO and the Oasis Foundation for Science Education signed a new "
                "cooperation agreement in Dakar on 13 June 2022. It follows the first agreement "
                "between the two bodies, signed in 2019 for three years, which expired in "
                "March.</p>"
                "<p>Under the earlier agreement, mobile workshops brought hands-on experiments in "
                "physics, chemistry and biology to schools that have no laboratory. The new "
                "five-year agreement keeps this work going and adds two strands: training science "
                "teachers in inquiry-based methods, and supporting science clubs for girls in "
                "lower secondary schools.</p>"
                "<p>The partners will also publish an open collection of low-cost experiments "
                "that teachers can carry out with everyday materials, in Arabic, English and "
                "French.</p>"
            ),
            "fr": (
                "<p>L'ICESCO et la Fondation Oasis pour l'enseignement des sciences ont signé un "
                "nouvel accord de coopération à Dakar le 13 juin 2022. Il prend la suite du "
                "premier "
                "accord conclu entre les deux institutions en 2019 pour trois ans, arrivé à "
                "échéance en mars.</p>"
                "<p>Dans le cadre de l'accord précédent, des ateliers itinérants ont apporté des "
                "expériences pratiques de physique, de chimie et de biologie dans des écoles "
                "dépourvues de laboratoire. Le nouvel accord, d'une durée de cinq ans, poursuit ce "
                "travail et y ajoute deux volets : la formation des professeurs de sciences aux "
                "démarches d'investigation et le soutien à des clubs de sciences pour les filles "
                "au collège.</p>"
                "<p>Les partenaires publieront également un recueil ouvert d'expériences peu "
                "coûteuses, réalisables avec du matériel du quotidien, en arabe, en anglais et en "
                "français.</p>"
            ),
        },
        "image_alt": {
            "ar": "شمس صفراء كبيرة فوق أفق أخضر داكن، تحت سماء تتدرج من البرتقالي إلى الوردي.",
            "en": "A large yellow sun above a dark green horizon, under a sky shading from orange "
            "to pink.",
            "fr": "Un grand soleil jaune au-dessus d'un horizon vert foncé, sous un ciel passant "
            "de l'orange au rose.",
        },
    },
    {
        "category": "events",
        "status": "published",
        "published_at": "2022-10-05 15:00",
        "image": {
            "pattern": "dots",
            "colors": [(84, 40, 140), (36, 92, 196), (255, 255, 255)],
        },
        "slug": {
            "ar": "اليوم العالمي للمعلمين منتدى إقليمي 2022",
            "en": "world-teachers-day-regional-forum-2022",
            "fr": "journee-mondiale-des-enseignants-forum-regional-2022",
        },
        "title": {
            "ar": "في اليوم العالمي للمعلمين: منتدى إقليمي يبحث سبل الحفاظ على المعلمين الأكفاء",
            "en": "World Teachers' Day: a regional forum asks how to keep good teachers in the "
            "classroom",
            "fr": "Journée mondiale des enseignants : un forum régional cherche comment garder "
            "les bons enseignants en classe",
        },
        "summary": {
            "ar": "التقى معلمون ومديرو مدارس وباحثون من اثني عشر بلدًا عبر الإنترنت لتبادل "
            "أساليب عملية في دعم المعلمين خلال سنواتهم الأولى في المهنة.",
            "en": "Teachers, school heads and researchers from twelve countries met online to "
            "share practical ways of supporting teachers in the first years of their careers.",
            "fr": "Des enseignants, des chefs d'établissement et des chercheurs de douze pays se "
            "sont réunis en ligne pour échanger des moyens concrets d'accompagner les enseignants "
            "en début de carrière.",
        },
        "body": {
            "ar": (
                "<p>احتفاءً باليوم العالمي للمعلمين، جمعت الإيسيسكو معلمين ومديري مدارس وباحثين "
                "في التربية من اثني عشر بلدًا في منتدى عبر الإنترنت، تناول سؤالًا ملحًّا: كيف "
                "تحافظ النظم التعليمية على المعلمين الأكفاء في المهنة؟</p>"
                "<p>وأجمع المشاركون على أن السنوات الأولى حاسمة، إذ تكررت الإشارة إلى مرافقة "
                "الزملاء ذوي الخبرة، وعبء العمل المعقول، والتغذية الراجعة المنتظمة والبنّاءة، "
                "بوصفها الظروف التي تشجع المعلمين الشباب على البقاء. ووصف عدد من المتحدثين "
                "مجتمعات مهنية داخل المدارس يخطط فيها المعلمون دروسهم معًا ويحضر بعضهم حصص "
                "بعض.</p>"
                "<p>وستُرسل خلاصة النقاشات، مرفقة بأمثلة من البلدان المشاركة، إلى وزارات التربية "
                "والتعليم ومؤسسات تكوين المعلمين.</p>"
            ),
            "en": (
                "<p>To mark World Teachers' Day, ICESCO brought together teachers, school heads "
                "and education researchers from twelve countries for an online forum on a "
                "pressing question: how can education systems keep good teachers in the "
                "profession?</p>"
                "<p>Participants agreed that the first years are decisive. Mentoring by "
                "experienced colleagues, a manageable workload and regular, constructive feedback "
                "came up again and again as the conditions that help young teachers stay. Several "
                "speakers described school-based communities in which teachers plan lessons "
                "together and observe one another's classes.</p>"
                "<p>A summary of the discussions, with examples from the participating countries, "
                "will be shared with ministries of education and teacher-training "
                "institutions.</p>"
            ),
            "fr": (
                "<p>À l'occasion de la Journée mondiale des enseignants, l'ICESCO a réuni en ligne "
                "des enseignants, des chefs d'établissement et des chercheurs en éducation de "
                "douze "
                "pays autour d'une question pressante : comment les systèmes éducatifs "
                "peuvent-ils garder les bons enseignants dans le métier ?</p>"
                "<p>Les participants ont souligné le caractère décisif des premières années. Le "
                "tutorat par des collègues expérimentés, une charge de travail raisonnable et des "
                "retours réguliers et constructifs sont revenus sans cesse comme les conditions "
                "qui incitent les jeunes enseignants à rester. Plusieurs intervenants ont décrit "
                "des communautés professionnelles au sein des écoles, où les enseignants préparent "
                "leurs cours ensemble et observent mutuellement leurs classes.</p>"
                "<p>Une synthèse des échanges, illustrée d'exemples des pays participants, sera "
                "transmise aux ministères de l'éducation et aux instituts de formation des "
                "enseignants.</p>"
            ),
        },
        "image_alt": {
            "ar": "صفوف من النقاط البيضاء يتفاوت حجمها على خلفية متدرجة من البنفسجي إلى الأزرق.",
            "en": "Rows of white dots that grow and shrink in size across a gradient from purple "
            "to blue.",
            "fr": "Des rangées de points blancs de tailles variables sur un dégradé allant du "
            "violet au bleu.",
        },
    },
    {
        "category": "heritage",
        "status": "published",
        "published_at": "2023-04-18 10:00",
        "image": {
            "pattern": "arches",
            "colors": [(190, 92, 58), (92, 51, 33), (236, 214, 170)],
        },
        "slug": {
            "ar": "شباب متطوعون يرسمون خريطة البيوت التاريخية",
            "en": "young-volunteers-map-historic-houses",
            "fr": "jeunes-volontaires-cartographient-maisons-anciennes",
        },
        "title": {
            "ar": "شباب متطوعون يرسمون خريطة البيوت التاريخية في أحيائهم",
            "en": "Young volunteers map the historic houses of their neighbourhoods",
            "fr": "De jeunes volontaires cartographient les maisons anciennes de leur quartier",
        },
        "summary": {
            "ar": "بمناسبة اليوم الدولي للمعالم والمواقع، عرض تلاميذ من المرحلة الثانوية في ثلاث "
            "مدن قوائم جرد أعدّوها مع معلميهم للبيوت القديمة والنوافير والأبواب المنقوشة في "
            "أحيائهم.",
            "en": "For the International Day for Monuments and Sites, secondary-school students in "
            "three cities shared the inventories of old houses, fountains and carved doorways "
            "they compiled with their teachers.",
            "fr": "Pour la Journée internationale des monuments et des sites, des lycéens de trois "
            "villes ont présenté les inventaires de maisons anciennes, de fontaines et de portes "
            "sculptées qu'ils ont réalisés avec leurs enseignants.",
        },
        "body": {
            "ar": (
                "<p>لا يقتصر التراث على المعالم الشهيرة. فبمناسبة اليوم الدولي للمعالم والمواقع، "
                "عرضت الإيسيسكو نتائج مشروع تجريبي انطلق فيه تلاميذ من المرحلة الثانوية في ثلاث "
                "مدن، برفقة معلميهم، لتوثيق البيوت القديمة والنوافير والأبواب المنقوشة في "
                "أحيائهم.</p>"
                "<p>وعمل التلاميذ في فرق صغيرة، فصوّروا كل مبنى، ودوّنوا مواد بنائه وحالته، "
                "وحاوروا كبار السن من السكان عن تاريخه. ثم جُمعت النتائج في خريطة إلكترونية "
                "مشتركة يمكن للهيئات المحلية المعنية بالتراث الرجوع إليها واستكمالها.</p>"
                "<p>وإلى جانب قوائم الجرد نفسها، لاحظ المعلمون أن المشروع غيّر نظرة التلاميذ إلى "
                "الشوارع التي يسلكونها كل يوم. وستشهد المرحلة المقبلة إصدار دليل موجز يتيح "
                "لمدارس أخرى تنفيذ التجربة نفسها.</p>"
            ),
            "en": (
                "<p>Heritage is not only found in famous monuments. For the International Day for "
                "Monuments and Sites, ICESCO presented the results of a pilot project in which "
                "secondary-school students in three cities set out, with their teachers, to record "
                "the old houses, fountains and carved doorways of their own neighbourhoods.</p>"
                "<p>Working in small teams, the students photographed each building, noted its "
                "materials and condition, and interviewed older residents about its history. "
                "Their findings were gathered on a shared online map that local heritage services "
                "can consult and complete.</p>"
                "<p>Beyond the inventory itself, teachers noticed that the project changed how "
                "students look at the streets they walk along every day. The next phase will "
                "offer a short guide so that other schools can carry out the same exercise.</p>"
            ),
            "fr": (
                "<p>Le patrimoine ne se limite pas aux monuments célèbres. Pour la Journée "
                "internationale des monuments et des sites, l'ICESCO a présenté les résultats d'un "
                "projet pilote dans lequel des lycéens de trois villes ont entrepris, avec leurs "
                "enseignants, de recenser les maisons anciennes, les fontaines et les portes "
                "sculptées de leur propre quartier.</p>"
                "<p>Répartis en petites équipes, les élèves ont photographié chaque bâtiment, "
                "relevé ses matériaux et son état, et interrogé des habitants âgés sur son "
                "histoire. Leurs observations ont été réunies sur une carte en ligne partagée, que "
                "les services locaux du patrimoine peuvent consulter et compléter.</p>"
                "<p>Au-delà de l'inventaire, les enseignants constatent que le projet a changé le "
                "regard des élèves sur les rues qu'ils parcourent chaque jour. La prochaine étape "
                "proposera un court guide pour que d'autres établissements puissent mener le même "
                "exercice.</p>"
            ),
        },
        "image_alt": {
            "ar": "صف من الأقواس بلون الرمل على خلفية تتدرج من الأحمر الطيني إلى البني الداكن.",
            "en": "A row of sand-coloured arches against a background shading from terracotta to "
            "dark brown.",
            "fr": "Une rangée d'arcs couleur sable sur un fond passant de la terre cuite au brun "
            "foncé.",
        },
    },
    # No French version at all: shows the fallback and the notice that goes with it.
    {
        "category": "programmes",
        "status": "published",
        "published_at": "2023-09-08 09:00",
        "image": {
            "pattern": "spines",
            "colors": [
                (244, 236, 220),
                (226, 212, 186),
                (196, 58, 49),
                (41, 98, 168),
                (46, 139, 87),
                (232, 182, 44),
            ],
        },
        "slug": {
            "ar": "نوادي القراءة المتنقلة لمحو أمية الكبار",
            "en": "reading-clubs-on-wheels-adult-literacy",
        },
        "title": {
            "ar": "نوادي القراءة المتنقلة: برنامج لمحو أمية الكبار يصل إلى القرى النائية",
            "en": "Reading clubs on wheels: an adult literacy programme reaches remote villages",
        },
        "summary": {
            "ar": "بمناسبة اليوم الدولي لمحو الأمية، يحمل برنامج تدعمه الإيسيسكو الكتب والأجهزة "
            "اللوحية وميسّرين مدرَّبين إلى الكبار في قرى بعيدة عن أي مكتبة.",
            "en": "On International Literacy Day, a programme supported by ICESCO brings books, "
            "tablets and trained facilitators to adults in villages far from any library.",
        },
        "body": {
            "ar": (
                "<p>بالنسبة إلى كثير من الكبار في المناطق الريفية، تبعد أقرب مكتبة أو أقرب فصل "
                "مسائي ساعات من الطريق. أما نوادي القراءة المتنقلة، التي عُرضت تجربتها في اليوم "
                "الدولي لمحو الأمية، فتحمل الفصل إليهم: حافلة صغيرة جرى تجهيزها بالكتب وبأجهزة "
                "لوحية تُشحن بالطاقة الشمسية، يرافقها ميسّران مدرّبان، وتزور كل قرية مرة في "
                "الأسبوع.</p>"
                "<p>وتُبنى الجلسات حول ما يرغب المشاركون في قراءته وكتابته: رسالة إلى قريب، أو "
                "إرشادات على كيس بذور، أو استمارة من المركز الصحي. ويجري اختيار مواد القراءة "
                "بالتعاون مع الجمعيات المحلية حتى تعكس لغة كل مجتمع وحياته اليومية.</p>"
                "<p>ومنذ انطلاق المرحلة التجريبية، استقبلت النوادي أكثر من أربعمئة متعلم، ثلثاهم "
                "من النساء. ويعتزم البرنامج الآن تدريب متطوعين من أبناء القرى أنفسهم، كي تستمر "
                "أنشطة النوادي بين الزيارات.</p>"
            ),
            "en": (
                "<p>For many adults in rural areas, the nearest library or evening class is hours "
                "away. The reading clubs on wheels, presented on International Literacy Day, take "
                "the class to them: a converted minibus carrying books, solar-charged tablets and "
                "two trained facilitators visits each village once a week.</p>"
                "<p>Sessions are built around what participants want to read and write: a letter "
                "to a relative, the instructions on a packet of seeds, a form from the health "
                "centre. Reading materials are chosen with local associations so that they "
                "reflect the language and daily life of each community.</p>"
                "<p>Since the pilot began, the clubs have welcomed more than four hundred "
                "learners, two thirds of them women. The programme now plans to train volunteers "
                "from the villages themselves so that the clubs can keep meeting between "
                "visits.</p>"
            ),
        },
        "image_alt": {
            "ar": "صفوف من الأشرطة العمودية الضيقة بالأحمر والأزرق والأخضر والأصفر، تشبه كعوب "
            "الكتب على رف، على خلفية بيج فاتحة.",
            "en": "Rows of narrow vertical bars in red, blue, green and yellow, like book spines "
            "on a shelf, against a light beige background.",
        },
    },
    {
        "category": "agreements",
        "status": "published",
        "published_at": "2024-05-22 10:00",
        "image": {
            "pattern": "stars",
            "colors": [(0, 109, 119), (42, 157, 92), (255, 255, 255)],
        },
        "slug": {
            "ar": "الإيسيسكو ومعهد ميريديان لصون التقاليد الشفهية",
            "en": "icesco-and-meridian-institute-safeguard-oral-traditions",
            "fr": "icesco-et-institut-meridien-sauvegarde-traditions-orales",
        },
        "title": {
            "ar": "الإيسيسكو ومعهد ميريديان للتراث الحي يتعاونان لصون التقاليد الشفهية",
            "en": "ICESCO and the Meridian Institute for Living Heritage join forces to safeguard "
            "oral traditions",
            "fr": "L'ICESCO et l'Institut Méridien du patrimoine vivant s'associent pour "
            "sauvegarder les traditions orales",
        },
        "summary": {
            "ar": "تشمل الاتفاقية، الموقعة في تونس لمدة أربع سنوات، جرد التراث غير المادي ورقمنة "
            "المخطوطات وتنظيم مدرسة صيفية للمهنيين الشباب في مجال التراث.",
            "en": "A four-year agreement signed in Tunis covers the inventory of intangible "
            "heritage, the digitization of manuscripts and a summer school for young heritage "
            "professionals.",
            "fr": "Un accord de quatre ans signé à Tunis porte sur l'inventaire du patrimoine "
            "immatériel, la numérisation de manuscrits et une école d'été pour les jeunes "
            "professionnels du patrimoine.",
        },
        "body": {
            "ar": (
                "<p>وقّعت الإيسيسكو ومعهد ميريديان للتراث الحي اتفاقية تعاون مدتها أربع سنوات في "
                "تونس يوم 21 مايو 2024. وتركز الاتفاقية على التراث الذي يحيا في الناس لا في "
                "المباني: الحكايات والأغاني والحرف والاحتفالات، والمعارف المرتبطة بها.</p>"
                "<p>وسيساعد الشريكان المجتمعات المحلية على إعداد قوائم جرد لتراثها غير المادي، "
                "وفق مناهج تترك لحاملي كل تقليد الكلمة الفصل في ما يُوثَّق وكيف يُوثَّق. كما "
                "سيدعمان رقمنة المخطوطات العائلية والأهلية المهددة بالضياع.</p>"
                "<p>وستتولى مدرسة صيفية كل عام تدريب المهنيين الشباب في مجال التراث على العمل "
                "الميداني وأخلاقيات التوثيق والأرشفة، على أن تُعقد دورتها الأولى في عام 2025.</p>"
            ),
            "en": (
                "<p>ICESCO and the Meridian Institute for Living Heritage signed a four-year "
                "cooperation agreement in Tunis on 21 May 2024. The agreement focuses on the "
                "heritage that lives in people rather than in buildings: stories, songs, crafts, "
                "festivals and the knowledge that goes with them.</p>"
                "<p>The two partners will help communities draw up inventories of their intangible "
                "heritage, using methods that leave the final word on what is recorded, and how, "
                "to the bearers of each tradition. They will also support the digitization of "
                "family and community manuscripts that are at risk of being lost.</p>"
                "<p>Every year, a summer school will train young heritage professionals in "
                "fieldwork, documentation ethics and archiving; the first session is planned for "
                "2025.</p>"
            ),
            "fr": (
                "<p>L'ICESCO et l'Institut Méridien du patrimoine vivant ont signé à Tunis, le "
                "21 mai 2024, un accord de coopération d'une durée de quatre ans. L'accord porte "
                "sur le patrimoine qui vit dans les personnes plutôt que dans les bâtiments : "
                "récits, chants, savoir-faire artisanaux, fêtes et connaissances qui les "
                "accompagnent.</p>"
                "<p>Les deux partenaires aideront les communautés à dresser l'inventaire de leur "
                "patrimoine immatériel, selon des méthodes qui laissent aux détenteurs de chaque "
                "tradition le dernier mot sur ce qui est consigné et sur la manière de le faire. "
                "Ils soutiendront aussi la numérisation de manuscrits familiaux et communautaires "
                "menacés de disparition.</p>"
                "<p>Une école d'été formera chaque année de jeunes professionnels du patrimoine au "
                "travail de terrain, à l'éthique de la documentation et à l'archivage ; la "
                "première session est prévue en 2025.</p>"
            ),
        },
        "image_alt": {
            "ar": "صفوف من النجوم الثمانية البيضاء على خلفية متدرجة من الأزرق المخضر إلى الأخضر.",
            "en": "Rows of white eight-pointed stars on a gradient from teal to green.",
            "fr": "Des rangées d'étoiles blanches à huit branches sur un dégradé allant du bleu "
            "canard au vert.",
        },
    },
    {
        "category": "events",
        "status": "published",
        "published_at": "2024-10-16 14:00",
        "image": {
            "pattern": "network",
            "colors": [(18, 30, 90), (96, 44, 150), (255, 255, 255)],
        },
        "slug": {
            "ar": "مخترعون شباب يعرضون أفكارا لترشيد المياه",
            "en": "young-inventors-water-saving-science-fair",
            "fr": "jeunes-inventeurs-economiser-eau-salon-sciences",
        },
        "title": {
            "ar": "مخترعون شباب يعرضون أفكارًا لترشيد المياه في معرض إقليمي للعلوم",
            "en": "Young inventors present water-saving ideas at a regional science fair",
            "fr": "De jeunes inventeurs présentent leurs idées pour économiser l'eau lors d'un "
            "salon régional des sciences",
        },
        "summary": {
            "ar": "عرضت فرق من تلاميذ المرحلة الثانوية نماذج أولية للري بالتنقيط وجمع مياه "
            "الأمطار وكشف التسربات، وقُيّمت على أساس المنهج العلمي بقدر أصالة الفكرة.",
            "en": "Secondary-school teams showed prototypes for drip irrigation, rainwater "
            "collection and leak detection, judged on scientific method as much as on "
            "originality.",
            "fr": "Des équipes de lycéens ont présenté des prototypes d'irrigation goutte à "
            "goutte, de récupération des eaux de pluie et de détection des fuites, évalués autant "
            "sur la démarche scientifique que sur l'originalité.",
        },
        "body": {
            "ar": (
                "<p>شارك أربعون فريقًا من تلاميذ المرحلة الثانوية في معرض إقليمي للعلوم خُصص هذا "
                "العام لموضوع المياه. وتنوعت مشروعاتهم بين عُدّة للري بالتنقيط مصنوعة من قوارير "
                "معاد تدويرها، وجهاز استشعار منخفض التكلفة ينبّه الأسر إلى تسربات المياه.</p>"
                "<p>وقد أولت لجنة التحكيم، المؤلفة من معلمين ومهندسين وباحثين جامعيين، المنهجَ "
                "عناية لا تقل عن عنايتها بالنتيجة: كيف صاغ كل فريق سؤاله، وكيف اختبر نموذجه، وكيف "
                "دوّن ما لم ينجح. وقال عدد من التلاميذ إن شرح إخفاقاتهم أمام اللجنة كان أكثر ما "
                "تعلموا منه في ذلك اليوم.</p>"
                "<p>وستحظى الفرق الثلاثة الفائزة بمرافقة من مختبرات جامعية لتطوير نماذجها، فيما "
                "ستُعرض جميع المشروعات في معرض إلكتروني.</p>"
            ),
            "en": (
                "<p>Forty teams of secondary-school students took part in a regional science fair "
                "devoted this year to water. Their projects ranged from a drip-irrigation kit made "
                "of recycled bottles to a low-cost sensor that warns households of leaks.</p>"
                "<p>The jury of teachers, engineers and university researchers looked as closely "
                "at the method as at the result: how each team framed its question, tested its "
                "prototype and recorded what did not work. Several students said that explaining "
                "their failures to the jury was the most instructive part of the day.</p>"
                "<p>The three winning teams will be mentored by university laboratories as they "
                "develop their prototypes further, and every project will be shown in an online "
                "gallery.</p>"
            ),
            "fr": (
                "<p>Quarante équipes de lycéens ont participé à un salon régional des sciences "
                "consacré cette année à l'eau. Leurs projets allaient d'un kit d'irrigation goutte "
                "à goutte fabriqué à partir de bouteilles recyclées à un capteur bon marché qui "
                "signale les fuites aux ménages.</p>"
                "<p>Le jury, composé d'enseignants, d'ingénieurs et de chercheurs universitaires, "
                "s'est intéressé à la démarche autant qu'au résultat : la façon dont chaque équipe "
                "a formulé sa question, testé son prototype et noté ce qui n'a pas fonctionné. "
                "Plusieurs élèves ont confié qu'expliquer leurs échecs au jury avait été le moment "
                "le plus instructif de la journée.</p>"
                "<p>Les trois équipes lauréates seront accompagnées par des laboratoires "
                "universitaires pour perfectionner leurs prototypes, et tous les projets seront "
                "présentés dans une galerie en ligne.</p>"
            ),
        },
        "image_alt": {
            "ar": "دوائر بيضاء صغيرة تربط بينها خطوط رفيعة كأنها شبكة، على خلفية متدرجة من "
            "الأزرق الداكن إلى البنفسجي.",
            "en": "Small white circles joined by thin lines, like a network, on a gradient from "
            "dark blue to violet.",
            "fr": "De petits cercles blancs reliés par des lignes fines, à la manière d'un réseau, "
            "sur un dégradé allant du bleu foncé au violet.",
        },
    },
    {
        "category": "agreements",
        "status": "published",
        "published_at": "2025-02-12 12:00",
        "image": {
            "pattern": "triangles",
            "colors": [(190, 226, 246), (12, 30, 78)],
        },
        "slug": {
            "ar": "اتفاقية الموارد التعليمية المفتوحة مع شبكة المنارة ومركز الياسمين",
            "en": "agreement-on-open-educational-resources-lighthouse-jasmine",
            "fr": "accord-ressources-educatives-libres-reseau-phare-centre-jasmin",
        },
        "title": {
            "ar": "الإيسيسكو وشبكة المنارة للجامعات المفتوحة ومركز الياسمين للتعلم الرقمي "
            "يوقعون اتفاقية بشأن الموارد التعليمية المفتوحة",
            "en": "ICESCO, the Lighthouse Network of Open Universities and the Jasmine Centre for "
            "Digital Learning sign an agreement on open educational resources",
            "fr": "L'ICESCO, le Réseau Phare des universités ouvertes et le Centre Jasmin pour "
            "l'apprentissage numérique signent un accord sur les ressources éducatives libres",
        },
        "summary": {
            "ar": "ستُعِدّ الأطراف الثلاثة مواد دراسية بتراخيص مفتوحة باللغات العربية والإنجليزية "
            "والفرنسية، وستدرّب أساتذة الجامعات على تصميم مقررات جيدة عبر الإنترنت.",
            "en": "The three partners will produce openly licensed course materials in Arabic, "
            "English and French, and train university teachers to design good online courses.",
            "fr": "Les trois partenaires produiront des supports de cours sous licence libre en "
            "arabe, en anglais et en français, et formeront des enseignants universitaires à la "
            "conception de bons cours en ligne.",
        },
        "body": {
            "ar": (
                "<p>وقّعت الإيسيسكو وشبكة المنارة للجامعات المفتوحة ومركز الياسمين للتعلم الرقمي "
                "اتفاقية تعاون في الرباط يوم 11 فبراير 2025، يمتد العمل بها حتى نهاية عام "
                "2027.</p>"
                "<p>وستُنشئ الأطراف مكتبة مشتركة من المواد الدراسية المرخصة ترخيصًا مفتوحًا "
                "للسنوات الأولى من الدراسة الجامعية، تبدأ بالرياضيات والكتابة الأكاديمية ومبادئ "
                "الإحصاء، باللغات العربية والإنجليزية والفرنسية. وسيكون للأساتذة أن يكيّفوا هذه "
                "المواد ويترجموها لطلابهم بحرية.</p>"
                "<p>وإلى جانب المكتبة، سيساعد برنامج تدريبي أساتذة الجامعات على تصميم مقررات "
                "إلكترونية ومدمجة تعمل بكفاءة مع الاتصالات المحدودة وعلى الهواتف المحمولة، وتبقى "
                "في متناول الطلاب ذوي الإعاقة.</p>"
            ),
            "en": (
                "<p>ICESCO, the Lighthouse Network of Open Universities and the Jasmine Centre for "
                "Digital Learning signed a cooperation agreement in Rabat on 11 February 2025. It "
                "runs until the end of 2027.</p>"
                "<p>The partners will build a shared library of openly licensed course materials "
                "for the first years of university, starting with mathematics, academic writing "
                "and introductory statistics, in Arabic, English and French. Teachers will be free "
                "to adapt and translate the materials for their own students.</p>"
                "<p>Alongside the library, a training programme will help university teachers "
                "design online and blended courses that work on modest connections and on mobile "
                "phones, and that remain accessible to students with disabilities.</p>"
            ),
            "fr": (
                "<p>L'ICESCO, le Réseau Phare des universités ouvertes et le Centre Jasmin pour "
                "l'apprentissage numérique ont signé un accord de coopération à Rabat le "
                "11 février 2025. Il court jusqu'à la fin de 2027.</p>"
                "<p>Les partenaires constitueront une bibliothèque commune de supports de cours "
                "sous licence libre pour les premières années d'université, en commençant par les "
                "mathématiques, l'écriture universitaire et l'initiation à la statistique, en "
                "arabe, en anglais et en français. Les enseignants pourront librement adapter et "
                "traduire ces supports pour leurs étudiants.</p>"
                "<p>En parallèle, un programme de formation aidera les enseignants universitaires "
                "à concevoir des cours en ligne et hybrides qui fonctionnent avec des connexions "
                "modestes et sur téléphone mobile, et qui restent accessibles aux étudiants en "
                "situation de handicap.</p>"
            ),
        },
        "image_alt": {
            "ar": "فسيفساء من المثلثات بدرجات متعددة من الأزرق، من السماوي الفاتح إلى الكحلي "
            "الداكن.",
            "en": "A mosaic of triangles in many shades of blue, from pale sky blue to deep navy.",
            "fr": "Une mosaïque de triangles dans de nombreuses nuances de bleu, du bleu ciel pâle "
            "au bleu marine profond.",
        },
    },
    {
        "category": "programmes",
        "status": "published",
        "published_at": "2025-06-10 11:30",
        "image": {
            "pattern": "pixels",
            "colors": [(31, 42, 51), (43, 58, 69), (54, 224, 240)],
        },
        "slug": {
            "ar": "دورة للمعلمين حول استخدام الذكاء الاصطناعي",
            "en": "online-course-teachers-artificial-intelligence",
            "fr": "cours-en-ligne-enseignants-intelligence-artificielle",
        },
        "title": {
            "ar": "دورة مجانية عبر الإنترنت تساعد المعلمين على استخدام الذكاء الاصطناعي بحكمة",
            "en": "A free online course helps teachers use artificial intelligence with care",
            "fr": "Un cours en ligne gratuit aide les enseignants à utiliser l'intelligence "
            "artificielle avec discernement",
        },
        "summary": {
            "ar": "تتناول الدورة، الممتدة ستة أسابيع والمفتوحة لمعلمي جميع الدول الأعضاء، ما "
            "تستطيعه أدوات الذكاء الاصطناعي وما لا تستطيعه، وكيفية حماية بيانات التلاميذ، وتصميم "
            "واجبات تظل تتطلب منهم التفكير بأنفسهم.",
            "en": "The six-week course, open to teachers in all Member States, covers what AI "
            "tools can and cannot do, how to protect pupils' data and how to design assignments "
            "that still ask pupils to think for themselves.",
            "fr": "D'une durée de six semaines et ouvert aux enseignants de tous les États "
            "membres, le cours explique ce que les outils d'IA savent faire ou non, comment "
            "protéger les données des élèves et comment concevoir des devoirs qui exigent "
            "toujours une réflexion personnelle.",
        },
        "body": {
            "ar": (
                "<p>يصادف المعلمون الذكاء الاصطناعي في فصولهم بالفعل، وكثيرًا ما يحدث ذلك قبل أن "
                "تضع مدارسهم أي توجيهات بشأنه. وتسعى دورة جديدة عبر الإنترنت، مدتها ستة أسابيع، "
                "مجانية ومتاحة باللغات العربية والإنجليزية والفرنسية، إلى أن تمنحهم أرضًا صلبة "
                "يقفون عليها.</p>"
                "<p>تبدأ الدورة بالأساسيات: ما الذي تُحسنه أدوات الذكاء الاصطناعي الحالية، وأين "
                "تخطئ، ولماذا يجب التحقق من إجاباتها. ثم تنتقل إلى مسائل عملية، مثل حماية البيانات "
                "الشخصية للتلاميذ، ومناقشة الذكاء الاصطناعي بصراحة داخل الفصل، وتصميم واجبات تظل "
                "تتطلب من التلاميذ أن يستدلّوا ويشرحوا ويبدعوا بأنفسهم.</p>"
                "<p>وتُختتم كل وحدة بنشاط يجرّبه المعلمون في فصولهم ثم يناقشونه مع زملائهم في "
                "منتديات يشرف عليها ميسّرون. ويحصل المشاركون الذين يُتمّون جميع الوحدات على شهادة "
                "إتمام.</p>"
            ),
            "en": (
                "<p>Teachers are already meeting artificial intelligence in their classrooms, "
                "often before their schools have any guidance on it. A new six-week online course, "
                "free of charge and available in Arabic, English and French, aims to give them "
                "solid ground to stand on.</p>"
                "<p>The course starts with the basics: what today's AI tools are good at, where "
                "they make mistakes, and why their answers must be checked. It then turns to "
                "practical questions, such as protecting pupils' personal data, talking about AI "
                "openly with a class, and designing assignments that still require pupils to "
                "reason, explain and create for themselves.</p>"
                "<p>Each module ends with an activity that teachers try out in their own classroom "
                "and then discuss with colleagues in moderated forums. Participants who complete "
                "every module receive a certificate of completion.</p>"
            ),
            "fr": (
                "<p>Les enseignants rencontrent déjà l'intelligence artificielle dans leurs "
                "classes, souvent avant que leur établissement ait fixé la moindre règle à son "
                "sujet. Un nouveau cours en ligne de six semaines, gratuit et proposé en arabe, en "
                "anglais et en français, entend leur donner des repères solides.</p>"
                "<p>Le cours commence par l'essentiel : ce que les outils d'IA actuels font bien, "
                "où ils se trompent et pourquoi leurs réponses doivent être vérifiées. Il aborde "
                "ensuite des questions pratiques, comme la protection des données personnelles des "
                "élèves, la façon de parler ouvertement de l'IA en classe et la conception de "
                "devoirs qui obligent encore les élèves à raisonner, à expliquer et à créer par "
                "eux-mêmes.</p>"
                "<p>Chaque module se termine par une activité que les enseignants testent dans "
                "leur propre classe avant d'en discuter avec leurs collègues dans des forums "
                "animés. Les participants qui terminent tous les modules reçoivent une attestation "
                "de suivi.</p>"
            ),
        },
        "image_alt": {
            "ar": "شبكة من المربعات الصغيرة على خلفية رمادية داكنة، يضيء بعضها باللون الأزرق "
            "السماوي.",
            "en": "A grid of small squares on a dark slate background, some of them glowing cyan.",
            "fr": "Une grille de petits carrés sur un fond ardoise foncé, dont certains brillent "
            "en cyan.",
        },
    },
    {
        "category": "statements",
        "status": "published",
        "published_at": "2025-11-10 09:00",
        "image": {
            "pattern": "diamonds",
            "colors": [(48, 34, 122), (24, 18, 70), (176, 214, 245)],
        },
        "slug": {
            "ar": "اليوم العالمي للعلم من أجل السلام والتنمية 2025",
            "en": "world-science-day-for-peace-and-development-2025",
            "fr": "journee-mondiale-de-la-science-pour-la-paix-2025",
        },
        "title": {
            "ar": "اليوم العالمي للعلم من أجل السلام والتنمية: العلم ملك للجميع",
            "en": "World Science Day for Peace and Development: science belongs to everyone",
            "fr": "Journée mondiale de la science au service de la paix et du développement : la "
            "science appartient à tous",
        },
        "summary": {
            "ar": "تدعو الإيسيسكو إلى توسيع فرص الالتحاق بالمهن العلمية، وإتاحة نتائج البحوث على "
            "نحو مفتوح، وتعليم العلوم بطريقة تعزز الثقة بالدليل.",
            "en": "ICESCO calls for wider access to scientific careers, open sharing of research "
            "results and science teaching that builds trust in evidence.",
            "fr": "L'ICESCO appelle à élargir l'accès aux carrières scientifiques, à partager "
            "ouvertement les résultats de la recherche et à enseigner les sciences de manière à "
            "renforcer la confiance dans les preuves.",
        },
        "body": {
            "ar": (
                "<p>بمناسبة اليوم العالمي للعلم من أجل السلام والتنمية، تذكّر الإيسيسكو بأن العلم "
                "يخدم السلام على أفضل وجه حين يكون مفتوحًا للجميع: للفتيات والفتيان الذين قد "
                "يصبحون باحثين يومًا ما، وللمجتمعات التي يسعى العلم إلى حل مشكلاتها، وللجمهور "
                "الذي يموّل جزءًا كبيرًا منه.</p>"
                "<p>وتشجع المنظمة دولها الأعضاء على توسيع فرص الالتحاق بالمهن العلمية، ولا سيما "
                "أمام الشابات وطلاب المناطق الريفية، وعلى إتاحة نتائج البحوث على نحو مفتوح كلما "
                "أمكن ذلك، ودعم التعاون بين الجامعات عبر الحدود.</p>"
                "<p>وتؤكد كذلك دور المدرسة، فدروس العلوم التي تتيح للتلاميذ طرح الأسئلة واختبار "
                "الأفكار ووزن الأدلة لا تقتصر على إعداد علماء المستقبل، بل تُنشئ مواطنين قادرين "
                "على التمييز بين الحجة الرصينة والإشاعة.</p>"
            ),
            "en": (
                "<p>On World Science Day for Peace and Development, ICESCO recalls that science "
                "serves peace best when it is open to all: to the girls and boys who may one day "
                "become researchers, to the communities whose problems science sets out to solve, "
                "and to the public who pay for much of it.</p>"
                "<p>The Organization encourages its Member States to widen access to scientific "
                "careers, particularly for young women and for students from rural areas; to "
                "share research results openly wherever possible; and to support cooperation "
                "between universities across borders.</p>"
                "<p>It also stresses the role of school. Science lessons that let pupils ask "
                "questions, test ideas and weigh evidence do more than prepare future scientists: "
                "they form citizens who can tell a sound argument from a rumour.</p>"
            ),
            "fr": (
                "<p>À l'occasion de la Journée mondiale de la science au service de la paix et du "
                "développement, l'ICESCO rappelle que la science sert d'autant mieux la paix "
                "qu'elle est ouverte à tous : aux filles et aux garçons qui deviendront peut-être "
                "chercheurs, aux communautés dont elle cherche à résoudre les problèmes et au "
                "public qui la finance en grande partie.</p>"
                "<p>L'Organisation encourage ses États membres à élargir l'accès aux carrières "
                "scientifiques, en particulier pour les jeunes femmes et les élèves des zones "
                "rurales, à partager ouvertement les résultats de la recherche chaque fois que "
                "possible et à soutenir la coopération entre universités par-delà les "
                "frontières.</p>"
                "<p>Elle souligne aussi le rôle de l'école. Des cours de sciences qui permettent "
                "aux élèves de poser des questions, de mettre des idées à l'épreuve et de peser "
                "des preuves ne préparent pas seulement les scientifiques de demain : ils forment "
                "des citoyens capables de distinguer un argument solide d'une rumeur.</p>"
            ),
        },
        "image_alt": {
            "ar": "صفوف من أشكال المعيّن باللون الأزرق الفاتح على خلفية نيلية داكنة.",
            "en": "Rows of pale blue diamond shapes on a deep indigo background.",
            "fr": "Des rangées de losanges bleu pâle sur un fond indigo profond.",
        },
    },
    {
        "category": "heritage",
        "status": "published",
        "published_at": "2026-03-17 10:30",
        "image": {
            "pattern": "stripes",
            "colors": [(200, 137, 43), (243, 230, 200)],
        },
        "slug": {
            "ar": "ورشة تدريبية لرقمنة المخطوطات الهشة",
            "en": "workshop-digitizing-fragile-manuscripts",
            "fr": "atelier-numerisation-manuscrits-fragiles",
        },
        "title": {
            "ar": "مرممون وأمناء أرشيف يتدربون على رقمنة المخطوطات الهشة",
            "en": "Restorers and archivists learn to digitize fragile manuscripts",
            "fr": "Restaurateurs et archivistes se forment à la numérisation des manuscrits "
            "fragiles",
        },
        "summary": {
            "ar": "درّبت ورشة مدتها أسبوعان، نُظّمت بالتعاون مع معهد ميريديان للتراث الحي، عشرين "
            "مشاركًا على تصوير المخطوطات ووصفها وحفظها دون الإضرار بها.",
            "en": "A two-week workshop organized with the Meridian Institute for Living Heritage "
            "trained twenty participants to photograph, describe and store manuscripts without "
            "damaging them.",
            "fr": "Un atelier de deux semaines organisé avec l'Institut Méridien du patrimoine "
            "vivant a formé vingt participants à photographier, décrire et conserver des "
            "manuscrits sans les abîmer.",
        },
        "body": {
            "ar": (
                "<p>شارك عشرون من المرممين وأمناء المكتبات والأرشيف في ورشة تدريبية مدتها "
                "أسبوعان حول رقمنة المخطوطات الهشة، نظمتها الإيسيسكو ومعهد ميريديان للتراث الحي "
                "في إطار اتفاقية التعاون التي وقّعاها عام 2024.</p>"
                "<p>وتدرّب المشاركون على التعامل مع المجلدات التي لم تعد تنفتح انفتاحًا كاملًا، "
                "وعلى إضاءة الصفحات دون تعريضها للحرارة، وتصويرها بمعدات زهيدة التكلفة. كما "
                "تعلّموا وصف كل مخطوط ببيانات وصفية موحدة، وحفظ الملفات بصيغ تظل قابلة للقراءة "
                "بعد عقود.</p>"
                "<p>وسيقود عدد من المشاركين مشروعات رقمنة مع الأسر والجمعيات المحلية التي تحتفظ "
                "بمخطوطات في بيوتها، حتى يتسنى دراسة هذه المجموعات دون أن تغادر أيدي "
                "مالكيها.</p>"
            ),
            "en": (
                "<p>Twenty restorers, librarians and archivists took part in a two-week workshop "
                "on the digitization of fragile manuscripts, organized by ICESCO and the Meridian "
                "Institute for Living Heritage under their 2024 cooperation agreement.</p>"
                "<p>Participants practised handling bindings that no longer open flat, lighting "
                "pages without heating them, and photographing them with inexpensive equipment. "
                "They also learned to describe each manuscript with consistent metadata and to "
                "store the files in formats that will still be readable decades from now.</p>"
                "<p>Several participants will now lead digitization projects with families and "
                "local associations that keep manuscripts at home, so that these collections can "
                "be studied without leaving their owners' hands.</p>"
            ),
            "fr": (
                "<p>Vingt restaurateurs, bibliothécaires et archivistes ont suivi un atelier de "
                "deux semaines consacré à la numérisation des manuscrits fragiles, organisé par "
                "l'ICESCO et l'Institut Méridien du patrimoine vivant dans le cadre de leur accord "
                "de coopération de 2024.</p>"
                "<p>Les participants se sont exercés à manipuler des reliures qui ne s'ouvrent "
                "plus à plat, à éclairer les pages sans les chauffer et à les photographier avec "
                "un matériel peu coûteux. Ils ont aussi appris à décrire chaque manuscrit au moyen "
                "de métadonnées cohérentes et à conserver les fichiers dans des formats qui "
                "resteront lisibles dans plusieurs décennies.</p>"
                "<p>Plusieurs d'entre eux piloteront désormais des projets de numérisation avec "
                "des familles et des associations locales qui conservent des manuscrits chez "
                "elles, afin que ces collections puissent être étudiées sans quitter les mains de "
                "leurs propriétaires.</p>"
            ),
        },
        "image_alt": {
            "ar": "أشرطة قطرية عريضة باللونين الأصفر الترابي والكريمي.",
            "en": "Broad diagonal bands of ochre and cream.",
            "fr": "De larges bandes diagonales ocre et crème.",
        },
    },
    {
        "category": "events",
        "status": "published",
        "published_at": "2026-11-05 16:00",
        "image": {
            "pattern": "hills",
            "colors": [(186, 222, 245), (240, 248, 252), (150, 200, 120), (30, 90, 50)],
        },
        "slug": {
            "ar": "منتدى الشباب حول الثقافة والمناخ 2026",
            "en": "youth-forum-culture-and-climate-2026",
            "fr": "forum-jeunesse-culture-et-climat-2026",
        },
        "title": {
            "ar": "شباب من عشرين بلدًا يناقشون دور الثقافة في مواجهة تغير المناخ",
            "en": "Young people from twenty countries debate the role of culture in facing "
            "climate change",
            "fr": "Des jeunes de vingt pays débattent du rôle de la culture face au changement "
            "climatique",
        },
        "summary": {
            "ar": "على مدى ثلاثة أيام، عمل مشاركون تتراوح أعمارهم بين 18 و30 عامًا على مقترحات "
            "تمتد من حماية المواقع التراثية من آثار المناخ إلى تقنيات البناء التقليدية التي "
            "تحافظ على برودة المساكن.",
            "en": "Over three days, participants aged 18 to 30 worked on proposals ranging from "
            "protecting heritage sites against the effects of climate to traditional building "
            "techniques that keep homes cool.",
            "fr": "Pendant trois jours, des participants âgés de 18 à 30 ans ont élaboré des "
            "propositions allant de la protection des sites patrimoniaux face au climat aux "
            "techniques de construction traditionnelles qui gardent les maisons au frais.",
        },
        "body": {
            "ar": (
                "<p>التقى نحو ستين شابًا وشابة، تتراوح أعمارهم بين 18 و30 عامًا ويمثلون عشرين "
                "بلدًا، في منتدى شبابي حول الثقافة والمناخ امتد ثلاثة أيام. وكانت نقطة الانطلاق "
                "أن المجتمعات تكيّفت على مر القرون مع الحر والجفاف والفيضانات، وأن كثيرًا من تلك "
                "المعارف يعيش في ثقافتها.</p>"
                "<p>ودرس المشاركون، ضمن مجموعات عمل، تقنيات تقليدية مثل الجدران الطينية السميكة "
                "وأبراج الرياح والمدرجات الزراعية، وناقشوا كيف يمكن أن تُلهم معماريي اليوم "
                "ومزارعيه. وتناولت مجموعات أخرى المواقع التراثية المهددة بارتفاع منسوب البحار "
                "والظواهر المناخية القصوى، وسبل إشراك السكان المحليين في حمايتها.</p>"
                "<p>واختُتم المنتدى بمجموعة من المقترحات سيعرضها المشاركون على اللجان الوطنية في "
                "بلدانهم، فيما ستواصل شبكة من خريجي المنتدى النقاش عبر الإنترنت.</p>"
            ),
            "en": (
                "<p>Some sixty young people aged 18 to 30, from twenty countries, met for a "
                "three-day youth forum on culture and climate. Their starting point: communities "
                "have adapted to heat, drought and floods for centuries, and much of that "
                "knowledge lives on in their culture.</p>"
                "<p>In working groups, participants studied traditional techniques such as thick "
                "earthen walls, wind towers and terraced fields, and discussed how they could "
                "inspire today's architects and farmers. Other groups looked at heritage sites "
                "threatened by rising seas and extreme weather, and at ways of involving local "
                "residents in protecting them.</p>"
                "<p>The forum closed with a set of proposals that participants will present to "
                "the national commissions of their countries. A network of former participants "
                "will carry the conversation on online.</p>"
            ),
            "fr": (
                "<p>Une soixantaine de jeunes de 18 à 30 ans, venus de vingt pays, se sont réunis "
                "pendant trois jours pour un forum de la jeunesse consacré à la culture et au "
                "climat. Leur point de départ : depuis des siècles, les communautés s'adaptent à "
                "la chaleur, à la sécheresse et aux inondations, et une grande partie de ce savoir "
                "vit dans leur culture.</p>"
                "<p>En groupes de travail, les participants ont étudié des techniques "
                "traditionnelles comme les murs épais en terre, les tours à vent et les cultures "
                "en terrasses, et se sont demandé comment elles pourraient inspirer les "
                "architectes et les agriculteurs d'aujourd'hui. D'autres groupes se sont penchés "
                "sur les sites patrimoniaux menacés par la montée des eaux et les phénomènes "
                "climatiques extrêmes, et sur la manière d'associer les habitants à leur "
                "protection.</p>"
                "<p>Le forum s'est conclu par une série de propositions que les participants "
                "présenteront aux commissions nationales de leur pays. Un réseau d'anciens "
                "participants poursuivra les échanges en ligne.</p>"
            ),
        },
        "image_alt": {
            "ar": "تلال متموجة متتابعة بدرجات من الأخضر تحت سماء زرقاء فاتحة.",
            "en": "Layered rolling hills in shades of green beneath a pale blue sky.",
            "fr": "Des collines ondulées superposées dans des tons de vert sous un ciel bleu pâle.",
        },
    },
    # Scheduled: published, but due SCHEDULED_IN_DAYS after the command first runs.
    {
        "category": "heritage",
        "status": "published",
        "scheduled": True,
        "image": {
            "pattern": "columns",
            "colors": [(20, 33, 61), (12, 20, 40), (255, 127, 97)],
        },
        "slug": {
            "ar": "فتح باب الترشح للمدرسة الصيفية للتراث 2027",
            "en": "applications-open-heritage-summer-school-2027",
            "fr": "appel-candidatures-ecole-ete-patrimoine-2027",
        },
        "title": {
            "ar": "فتح باب الترشح للمدرسة الصيفية للمهنيين الشباب في مجال التراث لعام 2027",
            "en": "Applications open for the 2027 summer school for young heritage professionals",
            "fr": "Appel à candidatures pour l'école d'été 2027 des jeunes professionnels du "
            "patrimoine",
        },
        "summary": {
            "ar": "يمكن للمهنيين الشباب العاملين في المتاحف ودور الأرشيف وجمعيات التراث الترشح "
            "لأسبوعين من التدريب على العمل الميداني والتوثيق والأرشفة.",
            "en": "Young professionals working in museums, archives and heritage associations can "
            "apply for two weeks of training in fieldwork, documentation and archiving.",
            "fr": "Les jeunes professionnels des musées, des archives et des associations "
            "patrimoniales peuvent postuler à deux semaines de formation au travail de terrain, à "
            "la documentation et à l'archivage.",
        },
        "body": {
            "ar": (
                "<p>تستقبل الإيسيسكو ومعهد ميريديان للتراث الحي طلبات الترشح لدورة عام 2027 من "
                "المدرسة الصيفية للمهنيين الشباب في مجال التراث.</p>"
                "<p>والمدرسة مفتوحة لمن هم دون الخامسة والثلاثين ويعملون في المتاحف أو دور "
                "الأرشيف أو المكتبات أو جمعيات التراث في الدول الأعضاء في الإيسيسكو. وعلى مدى "
                "أسبوعين، سيتدرب المشاركون على محاورة حاملي التقاليد، وتسجيل ما يجمعونه ووصفه، "
                "وتنظيم أرشيفات يمكن للمجتمعات المحلية الرجوع إليها.</p>"
                "<p>وسيُقدَّم التدريب باللغات العربية والإنجليزية والفرنسية. ويُطلب من المترشحين "
                "وصف مشروع تراثي يرغبون في تنفيذه في مجتمعهم، وستمنح لجنة الاختيار الأولوية "
                "للمشروعات التي تُنفَّذ بموافقة المجتمع المعني.</p>"
            ),
            "en": (
                "<p>ICESCO and the Meridian Institute for Living Heritage are accepting "
                "applications for the 2027 session of their summer school for young heritage "
                "professionals.</p>"
                "<p>The school is open to people under 35 who work in museums, archives, libraries "
                "or heritage associations in ICESCO Member States. Over two weeks, participants "
                "will practise interviewing tradition bearers, recording and describing what they "
                "collect, and organizing archives that communities can consult.</p>"
                "<p>Teaching will be offered in Arabic, English and French. Applicants are asked "
                "to describe a heritage project they would like to carry out in their own "
                "community; the selection committee will give priority to projects led with that "
                "community's consent.</p>"
            ),
            "fr": (
                "<p>L'ICESCO et l'Institut Méridien du patrimoine vivant reçoivent les "
                "candidatures pour la session 2027 de leur école d'été destinée aux jeunes "
                "professionnels du patrimoine.</p>"
                "<p>L'école est ouverte aux personnes de moins de 35 ans qui travaillent dans des "
                "musées, des archives, des bibliothèques ou des associations patrimoniales des "
                "États membres de l'ICESCO. Pendant deux semaines, les participants s'exerceront à "
                "interroger les détenteurs de traditions, à enregistrer et décrire ce qu'ils "
                "recueillent et à organiser des archives que les communautés pourront "
                "consulter.</p>"
                "<p>La formation sera dispensée en arabe, en anglais et en français. Les candidats "
                "sont invités à décrire un projet patrimonial qu'ils souhaitent mener dans leur "
                "communauté ; le comité de sélection donnera la priorité aux projets conduits avec "
                "l'accord de celle-ci.</p>"
            ),
        },
        "image_alt": {
            "ar": "أعمدة رأسية يزداد ارتفاعها تدريجيًا بلون المرجان على خلفية كحلية داكنة.",
            "en": "Vertical columns of increasing height in coral, on a dark navy background.",
            "fr": "Des colonnes verticales de hauteur croissante, couleur corail, sur un fond "
            "bleu marine foncé.",
        },
    },
    # A draft: never public.
    {
        "category": "programmes",
        "status": "draft",
        "image": {
            "pattern": "bubbles",
            "colors": [(255, 255, 255), (245, 163, 199), (255, 217, 102), (159, 211, 245)],
        },
        "slug": {
            "ar": "استطلاع حول المكتبات المدرسية النتائج الأولى",
            "en": "survey-of-school-libraries-first-results",
            "fr": "enquete-bibliotheques-scolaires-premiers-resultats",
        },
        "title": {
            "ar": "استطلاع حول المكتبات المدرسية: النتائج الأولى",
            "en": "Survey of school libraries: first results",
            "fr": "Enquête sur les bibliothèques scolaires : premiers résultats",
        },
        "summary": {
            "ar": "مسودة: نتائج أولية لاستطلاع حول المكتبات في مدارس التعليم الابتدائي والإعدادي، "
            "تُستكمل قبل النشر.",
            "en": "Draft: early findings from a survey of libraries in primary and lower "
            "secondary schools, to be completed before publication.",
            "fr": "Brouillon : premiers enseignements d'une enquête sur les bibliothèques des "
            "écoles primaires et des collèges, à compléter avant publication.",
        },
        "body": {
            "ar": (
                "<p>بين شهري مارس ويونيو، أجابت أكثر من تسعمئة مدرسة عن استبيان حول مكتباتها: "
                "عدد الكتب التي تضمها، ولغاتها، ومن يتولى الإشراف عليها، وعدد المرات التي يُسمح "
                "فيها للتلاميذ باستعارة الكتب.</p>"
                "<p>وتكشف النتائج الأولى عن فروق واسعة بين المدارس، بل بين مدارس المدينة الواحدة. "
                "فحيثما خُصص لمعلم أو أمين مكتبة وقت لإدارة المكتبة، يستعير التلاميذ الكتب بوتيرة "
                "أعلى بكثير.</p>"
                "<p>[ملاحظة للمحرر: تُضاف الأرقام النهائية والتوصيات قبل النشر.]</p>"
            ),
            "en": (
                "<p>Between March and June, more than nine hundred schools answered a "
                "questionnaire about their libraries: how many books they hold, in which "
                "languages, who looks after them and how often pupils may borrow them.</p>"
                "<p>The first results show wide differences between schools, even between "
                "schools in the same town. Where a teacher or librarian has time set aside to run "
                "the library, pupils borrow books far more often.</p>"
                "<p>[Editor's note: add the final figures and the recommendations before "
                "publication.]</p>"
            ),
            "fr": (
                "<p>Entre mars et juin, plus de neuf cents écoles ont répondu à un questionnaire "
                "sur leur bibliothèque : nombre d'ouvrages, langues représentées, personne chargée "
                "de la gérer et fréquence des emprunts autorisés aux élèves.</p>"
                "<p>Les premiers résultats font apparaître de fortes différences entre les "
                "établissements, y compris au sein d'une même ville. Là où un enseignant ou un "
                "bibliothécaire dispose de temps pour faire vivre la bibliothèque, les élèves "
                "empruntent nettement plus de livres.</p>"
                "<p>[Note pour la rédaction : ajouter les chiffres définitifs et les "
                "recommandations avant publication.]</p>"
            ),
        },
        "image_alt": {
            "ar": "دوائر شفافة متداخلة بالوردي والأصفر والأزرق الفاتح على خلفية بيضاء.",
            "en": "Overlapping translucent circles in pink, yellow and light blue on a white "
            "background.",
            "fr": "Des cercles translucides qui se chevauchent, en rose, jaune et bleu clair, sur "
            "fond blanc.",
        },
    },
]


def _lines(*items):
    return "\n".join(items)


AGREEMENTS = [
    # The model case (PRODUCT.md).
    {
        "partners": ["icesco", "rcqe"],
        "signatories": ["icesco", "rcqe"],
        "signed_on": "2023-11-08",
        "duration_years": 5,
        "article": MODEL_CASE_SLUG,
        "title": {
            "ar": "اتفاقية تعاون بين الإيسيسكو ومركز اليونسكو الإقليمي للجودة والتميز في التعليم",
            "en": "Cooperation agreement between ICESCO and the UNESCO Regional Center for "
            "Quality and Excellence in Education",
            "fr": "Accord de coopération entre l'ICESCO et le Centre régional de l'UNESCO pour la "
            "qualité et l'excellence dans l'éducation",
        },
        "signed_in": {
            "ar": "باريس، على هامش الدورة الثانية والأربعين للمؤتمر العام لليونسكو",
            "en": "Paris, at the 42nd session of the UNESCO General Conference",
            "fr": "Paris, lors de la 42e session de la Conférence générale de l'UNESCO",
        },
        "areas": {
            "ar": _lines(
                "تبادل الخبرات",
                "البحوث والبرامج في مجالات الجودة والتميز والابتكار في التعليم",
                "السياسات التعليمية",
            ),
            "en": _lines(
                "Exchange of expertise",
                "Research and programmes on quality, excellence and innovation in education",
                "Educational policy",
            ),
            "fr": _lines(
                "Échange d'expertise",
                "Recherche et programmes sur la qualité, l'excellence et l'innovation dans "
                "l'éducation",
                "Politiques éducatives",
            ),
        },
        "projects": {
            "ar": _lines(
                "مشروع عربي نموذجي للجودة والتميز في التعليم",
                "مشروع لتدريب القيادات التعليمية",
                "ورش عمل إقليمية",
            ),
            "en": _lines(
                "An Arab model project for quality and excellence in education",
                "An educational leadership training project",
                "Regional workshops",
            ),
            "fr": _lines(
                "Un projet arabe modèle pour la qualité et l'excellence dans l'éducation",
                "Un projet de formation au leadership éducatif",
                "Des ateliers régionaux",
            ),
        },
    },
    # Expired: the first Oasis agreement, 2019 for three years. No article
    # announced it: it predates the site's archive.
    {
        "partners": ["icesco", "oasis-science-education"],
        "signatories": ["icesco", "oasis-science-education"],
        "signed_on": "2019-03-12",
        "duration_years": 3,
        "title": {
            "ar": "اتفاقية تعاون بين الإيسيسكو ومؤسسة الواحة لتعليم العلوم بشأن ورش العلوم "
            "المتنقلة",
            "en": "Cooperation agreement between ICESCO and the Oasis Foundation for Science "
            "Education on mobile science workshops",
            "fr": "Accord de coopération entre l'ICESCO et la Fondation Oasis pour l'enseignement "
            "des sciences sur les ateliers scientifiques itinérants",
        },
        "signed_in": {"ar": "داكار، السنغال", "en": "Dakar, Senegal", "fr": "Dakar, Sénégal"},
        "areas": {
            "ar": _lines(
                "تعليم العلوم بالتجربة في المدارس التي لا تملك مختبرات",
                "نشر الثقافة العلمية في المناطق الريفية",
            ),
            "en": _lines(
                "Hands-on science in schools without laboratories",
                "Science outreach in rural areas",
            ),
            "fr": _lines(
                "Sciences expérimentales dans les écoles sans laboratoire",
                "Diffusion de la culture scientifique en milieu rural",
            ),
        },
        "projects": {
            "ar": _lines("ورش العلوم المتنقلة"),
            "en": _lines("Mobile science workshops"),
            "fr": _lines("Ateliers scientifiques itinérants"),
        },
    },
    {
        "partners": ["icesco", "oasis-science-education"],
        "signatories": ["icesco", "oasis-science-education"],
        "signed_on": "2022-06-13",
        "duration_years": 5,
        "article": "icesco-and-oasis-foundation-renew-science-education-partnership",
        "title": {
            "ar": "اتفاقية التعاون المجددة بين الإيسيسكو ومؤسسة الواحة لتعليم العلوم",
            "en": "Renewed cooperation agreement between ICESCO and the Oasis Foundation for "
            "Science Education",
            "fr": "Accord de coopération renouvelé entre l'ICESCO et la Fondation Oasis pour "
            "l'enseignement des sciences",
        },
        "signed_in": {"ar": "داكار، السنغال", "en": "Dakar, Senegal", "fr": "Dakar, Sénégal"},
        "areas": {
            "ar": _lines(
                "تعليم العلوم بالتجربة في المدارس التي لا تملك مختبرات",
                "تدريب معلمي العلوم على طرائق التعلم بالاستقصاء",
                "نوادي العلوم للفتيات في المرحلة الإعدادية",
            ),
            "en": _lines(
                "Hands-on science in schools without laboratories",
                "Training science teachers in inquiry-based methods",
                "Science clubs for girls in lower secondary school",
            ),
            "fr": _lines(
                "Sciences expérimentales dans les écoles sans laboratoire",
                "Formation des professeurs de sciences aux démarches d'investigation",
                "Clubs de sciences pour les filles au collège",
            ),
        },
        "projects": {
            "ar": _lines(
                "ورش العلوم المتنقلة",
                "مجموعة مفتوحة من التجارب منخفضة التكلفة بثلاث لغات",
            ),
            "en": _lines(
                "Mobile science workshops",
                "An open collection of low-cost experiments in three languages",
            ),
            "fr": _lines(
                "Ateliers scientifiques itinérants",
                "Un recueil ouvert d'expériences peu coûteuses en trois langues",
            ),
        },
    },
    {
        "partners": ["icesco", "meridian-heritage-institute"],
        "signatories": ["icesco", "meridian-heritage-institute"],
        "signed_on": "2024-05-21",
        "duration_years": 4,
        "article": "icesco-and-meridian-institute-safeguard-oral-traditions",
        "title": {
            "ar": "اتفاقية تعاون بين الإيسيسكو ومعهد ميريديان للتراث الحي",
            "en": "Cooperation agreement between ICESCO and the Meridian Institute for Living "
            "Heritage",
            "fr": "Accord de coopération entre l'ICESCO et l'Institut Méridien du patrimoine "
            "vivant",
        },
        "signed_in": {"ar": "تونس العاصمة، تونس", "en": "Tunis, Tunisia", "fr": "Tunis, Tunisie"},
        "areas": {
            "ar": _lines(
                "جرد التراث الثقافي غير المادي بمشاركة المجتمعات المحلية",
                "رقمنة المخطوطات العائلية والأهلية",
                "تدريب المهنيين الشباب في مجال التراث",
            ),
            "en": _lines(
                "Community-based inventories of intangible cultural heritage",
                "Digitization of family and community manuscripts",
                "Training of young heritage professionals",
            ),
            "fr": _lines(
                "Inventaires communautaires du patrimoine culturel immatériel",
                "Numérisation de manuscrits familiaux et communautaires",
                "Formation de jeunes professionnels du patrimoine",
            ),
        },
        "projects": {
            "ar": _lines(
                "جرد إقليمي للتقاليد الشفهية",
                "مدرسة صيفية سنوية للمهنيين الشباب في مجال التراث",
            ),
            "en": _lines(
                "A regional inventory of oral traditions",
                "An annual summer school for young heritage professionals",
            ),
            "fr": _lines(
                "Un inventaire régional des traditions orales",
                "Une école d'été annuelle pour les jeunes professionnels du patrimoine",
            ),
        },
    },
    # Three parties, and an end date instead of a duration.
    {
        "partners": ["icesco", "lighthouse-open-universities", "jasmine-digital-learning"],
        "signatories": ["icesco", "lighthouse-open-universities", "jasmine-digital-learning"],
        "signed_on": "2025-02-11",
        "ends_on": "2027-12-31",
        "article": "agreement-on-open-educational-resources-lighthouse-jasmine",
        "title": {
            "ar": "اتفاقية بشأن الموارد التعليمية المفتوحة بين الإيسيسكو وشبكة المنارة للجامعات "
            "المفتوحة ومركز الياسمين للتعلم الرقمي",
            "en": "Agreement on open educational resources between ICESCO, the Lighthouse Network "
            "of Open Universities and the Jasmine Centre for Digital Learning",
            "fr": "Accord sur les ressources éducatives libres entre l'ICESCO, le Réseau Phare des "
            "universités ouvertes et le Centre Jasmin pour l'apprentissage numérique",
        },
        "signed_in": {"ar": "الرباط، المغرب", "en": "Rabat, Morocco", "fr": "Rabat, Maroc"},
        "areas": {
            "ar": _lines(
                "الموارد التعليمية المفتوحة للسنوات الأولى من الدراسة الجامعية",
                "تصميم المقررات الإلكترونية والمدمجة",
                "إتاحة التعلم الرقمي للطلاب ذوي الإعاقة",
            ),
            "en": _lines(
                "Open educational resources for the first years of university",
                "Design of online and blended courses",
                "Accessibility of digital learning for students with disabilities",
            ),
            "fr": _lines(
                "Ressources éducatives libres pour les premières années d'université",
                "Conception de cours en ligne et hybrides",
                "Accessibilité de l'apprentissage numérique pour les étudiants en situation de "
                "handicap",
            ),
        },
        "projects": {
            "ar": _lines(
                "مكتبة مشتركة من المواد الدراسية المرخصة ترخيصًا مفتوحًا بثلاث لغات",
                "برنامج لتدريب أساتذة الجامعات على تصميم المقررات الإلكترونية",
            ),
            "en": _lines(
                "A shared library of openly licensed course materials in three languages",
                "A training programme for university teachers in online course design",
            ),
            "fr": _lines(
                "Une bibliothèque commune de supports de cours sous licence libre en trois langues",
                "Un programme de formation des enseignants universitaires à la conception de cours "
                "en ligne",
            ),
        },
    },
]


# French typography: a no-break space before two-part punctuation (: ; ? !),
# so that it never starts a line. Applied here once rather than typed by hand.
_FRENCH_SPACES = {" :": "\u00a0:", " ;": "\u00a0;", " ?": "\u00a0?", " !": "\u00a0!"}


def _french_spacing(value):
    if isinstance(value, dict):
        return {
            key: _french_spacing_text(item) if key == "fr" else _french_spacing(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_french_spacing(item) for item in value]
    return value


def _french_spacing_text(text):
    for plain, spaced in _FRENCH_SPACES.items():
        text = text.replace(plain, spaced)
    return text


PARTNERS = _french_spacing(PARTNERS)
SIGNING_OFFICES = _french_spacing(SIGNING_OFFICES)
ARTICLES = _french_spacing(ARTICLES)
AGREEMENTS = _french_spacing(AGREEMENTS)
