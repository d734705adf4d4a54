"""Tables the demo organization is drawn from: departments, roles, places, skills, coaching.

Plain data only; `organization.py` turns it into people with a seeded random generator.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

DEMO_PASSWORD = "mentora-demo"
DEMO_DOMAIN = "example.com"
SEED = 2026

IC_LEVELS = ("entry", "associate", "mid", "senior", "lead")
# Share of individual contributors at each level.
IC_LEVEL_WEIGHTS = (10, 20, 34, 26, 10)

# Years of experience people at each level typically have (inclusive range).
YEARS_BY_LEVEL: dict[str, tuple[int, int]] = {
    "entry": (0, 2),
    "associate": (1, 4),
    "mid": (3, 7),
    "senior": (6, 12),
    "lead": (9, 16),
    "manager": (7, 15),
    "director": (12, 20),
    "executive": (16, 28),
}

# Chance that someone at this level volunteers as a mentor (about a quarter overall).
MENTOR_CHANCE: dict[str, float] = {
    "entry": 0.0,
    "associate": 0.04,
    "mid": 0.14,
    "senior": 0.4,
    "lead": 0.52,
    "manager": 0.42,
    "director": 0.45,
    "executive": 0.3,
}
COACH_COUNT = 15  # about 5% of the organization holds a coaching credential


@dataclass(frozen=True)
class Location:
    """An office, its IANA time zone, the name pool of its people and local languages."""

    name: str
    timezone: str
    names: str
    languages: tuple[tuple[str, float], ...] = ()


LOCATIONS: dict[str, Location] = {
    "london": Location("London, United Kingdom", "Europe/London", "uk", (("French", 0.1),)),
    "berlin": Location(
        "Berlin, Germany", "Europe/Berlin", "de", (("German", 0.9), ("Turkish", 0.05))
    ),
    "lisbon": Location("Lisbon, Portugal", "Europe/Lisbon", "pt", (("Portuguese", 0.9),)),
    "new_york": Location(
        "New York, United States", "America/New_York", "us", (("Spanish", 0.15),)
    ),
    "austin": Location("Austin, United States", "America/Chicago", "us", (("Spanish", 0.25),)),
    "san_francisco": Location(
        "San Francisco, United States", "America/Los_Angeles", "us", (("Mandarin", 0.08),)
    ),
    "toronto": Location("Toronto, Canada", "America/Toronto", "us", (("French", 0.3),)),
    "sao_paulo": Location(
        "São Paulo, Brazil", "America/Sao_Paulo", "br", (("Portuguese", 1.0), ("Spanish", 0.3))
    ),
    "bangalore": Location(
        "Bangalore, India", "Asia/Kolkata", "in", (("Hindi", 0.7), ("Kannada", 0.35))
    ),
    "singapore": Location(
        "Singapore", "Asia/Singapore", "sg", (("Mandarin", 0.55), ("Malay", 0.2), ("Tamil", 0.08))
    ),
    "sydney": Location("Sydney, Australia", "Australia/Sydney", "uk", ()),
}

NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "uk": (
        ("Oliver", "Amelia", "Harry", "Isla", "George", "Sophie", "Jack", "Emily", "Thomas",
         "Charlotte", "James", "Grace", "William", "Hannah", "Samuel", "Lucy", "Daniel", "Ella",
         "Joseph", "Rhys", "Niamh", "Callum", "Freya", "Imran", "Zara"),
        ("Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Evans", "Roberts",
         "Walker", "Wright", "Hughes", "Clarke", "Hall", "Green", "Wood", "Harris", "Patel",
         "Khan", "Ahmed", "Murphy", "Kelly", "Campbell", "Okoro", "Mensah"),
    ),
    "de": (
        ("Lukas", "Anna", "Felix", "Lea", "Jonas", "Marie", "Leon", "Sophia", "Maximilian",
         "Laura", "Paul", "Julia", "Tim", "Katharina", "Jan", "Lena", "Niklas", "Hannah",
         "Moritz", "Clara", "Emre", "Aylin"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker",
         "Schulz", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Schwarz",
         "Zimmermann", "Braun", "Krüger", "Hartmann", "Yılmaz", "Kaya"),
    ),
    "pt": (
        ("Tiago", "Inês", "Diogo", "Mariana", "Rui", "Catarina", "Miguel", "Beatriz", "André",
         "Sofia", "Nuno", "Rita", "Duarte", "Leonor"),
        ("Ferreira", "Santos", "Costa", "Pereira", "Martins", "Sousa", "Fernandes", "Gonçalves",
         "Carvalho", "Lopes", "Marques", "Pinto", "Teixeira", "Moreira"),
    ),
    "us": (
        ("Michael", "Jessica", "Christopher", "Ashley", "Matthew", "Jennifer", "Joshua", "Sarah",
         "Andrew", "Lauren", "Ryan", "Megan", "Tyler", "Rachel", "Brandon", "Jordan", "Taylor",
         "Marcus", "Keisha", "Carlos", "Maria", "Kevin", "Nicole", "DeShawn", "Jasmine",
         "Ethan", "Madison", "Alejandro", "Grace", "Noah"),
        ("Johnson", "Williams", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez", "Anderson",
         "Thompson", "White", "Lopez", "Lee", "Harris", "Clark", "Lewis", "Robinson", "Young",
         "Allen", "King", "Scott", "Nguyen", "Hernandez", "Washington", "Brooks", "Kim", "Cohen",
         "Sullivan", "Park", "Jackson", "Flores"),
    ),
    "br": (
        ("Gabriel", "Ana", "Lucas", "Beatriz", "Mateus", "Juliana", "Rafael", "Larissa",
         "Felipe", "Camila", "Thiago", "Fernanda", "Bruno", "Mariana", "Gustavo", "Letícia",
         "João", "Isabela", "Pedro", "Carolina"),
        ("Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Costa", "Ferreira",
         "Rodrigues", "Almeida", "Carvalho", "Gomes", "Ribeiro", "Martins", "Araújo", "Barbosa",
         "Rocha", "Cardoso"),
    ),
    "in": (
        ("Aarav", "Ananya", "Rohan", "Priyanka", "Arjun", "Sneha", "Vikram", "Kavya", "Rahul",
         "Divya", "Karthik", "Meera", "Aditya", "Pooja", "Siddharth", "Nisha", "Suresh",
         "Lakshmi", "Varun", "Shreya", "Nikhil", "Deepa", "Harish", "Aishwarya"),
        ("Sharma", "Iyer", "Reddy", "Nair", "Gupta", "Menon", "Rao", "Krishnan", "Patel",
         "Singh", "Kumar", "Mehta", "Joshi", "Desai", "Pillai", "Bhat", "Chatterjee", "Banerjee",
         "Verma", "Kulkarni", "Hegde", "Subramanian"),
    ),
    "sg": (
        ("Wei Ling", "Jun Jie", "Hui Min", "Zhi Hao", "Mei Xin", "Kai Wen", "Siti", "Nurul",
         "Hafiz", "Farah", "Ravi", "Kavitha", "Darren", "Joanne", "Bryan", "Cheryl"),
        ("Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Chan", "Koh", "Teo", "Ang",
         "Yeo", "Rahman", "Ismail", "Abdullah"),
    ),
}


@dataclass(frozen=True)
class Track:
    """A job family inside a department: titles by level, its skills and where people go next."""

    name: str
    titles: tuple[str, str, str, str, str]  # entry, associate, mid, senior, lead
    manager_title: str
    skills: tuple[str, ...]
    moves: tuple[str, ...]  # roles in other families people in this track often move to


@dataclass(frozen=True)
class Department:
    """A department: size, leadership titles, job families, teams, offices and stories."""

    name: str
    size: int
    head_title: str
    director_title: str
    tracks: tuple[Track, ...]
    teams: tuple[str, ...]
    locations: dict[str, int]
    projects: tuple[str, ...]
    highlights: tuple[str, ...]  # what an individual contributor here might have done
    leader_highlights: tuple[str, ...]  # what a manager or leader here might have done
    field_of_work: str
    industries: tuple[str, ...] = field(default=("SaaS",))


GENERAL_SKILLS = (
    "Public speaking", "Stakeholder management", "Giving feedback", "Negotiation",
    "Prioritisation", "Writing", "Presenting to executives", "Hiring and interviewing",
    "Coaching others", "Time management", "Influencing without authority", "Running meetings",
    "Conflict resolution", "Strategic thinking", "Managing up", "Delegation",
)

LEADERSHIP_SKILLS = (
    "People management", "Hiring and interviewing", "Giving feedback", "Delegation",
    "Performance reviews", "Conflict resolution", "Strategic thinking", "Budgeting",
    "Change management", "Coaching others",
)

CEO_TITLE = "Chief Executive Officer"

DEPARTMENTS: tuple[Department, ...] = (
    Department(
        name="Engineering",
        size=90,
        head_title="VP of Engineering",
        director_title="Director of Engineering",
        tracks=(
            Track(
                "Software Engineer",
                ("Graduate Software Engineer", "Software Engineer I", "Software Engineer II",
                 "Senior Software Engineer", "Staff Software Engineer"),
                "Engineering Manager",
                ("Python", "Django", "System design", "Code review", "PostgreSQL", "API design",
                 "Distributed systems", "Technical writing"),
                ("Product Manager", "Solutions Engineer", "Data Engineer"),
            ),
            Track(
                "Frontend Engineer",
                ("Junior Frontend Engineer", "Frontend Engineer", "Frontend Engineer II",
                 "Senior Frontend Engineer", "Principal Frontend Engineer"),
                "Engineering Manager",
                ("TypeScript", "React", "Accessibility", "Web performance", "Design systems",
                 "Code review"),
                ("Product Designer", "Product Manager"),
            ),
            Track(
                "Site Reliability Engineer",
                ("Junior Site Reliability Engineer", "Site Reliability Engineer I",
                 "Site Reliability Engineer II", "Senior Site Reliability Engineer",
                 "Staff Site Reliability Engineer"),
                "SRE Manager",
                ("Kubernetes", "Terraform", "Incident management", "Observability", "Linux",
                 "Cloud cost management"),
                ("Security Engineer", "Solutions Engineer"),
            ),
            Track(
                "QA Engineer",
                ("QA Analyst", "QA Engineer", "QA Engineer II", "Senior QA Engineer",
                 "Lead QA Engineer"),
                "QA Manager",
                ("Test automation", "Playwright", "Exploratory testing", "Release management"),
                ("Software Engineer", "Product Manager", "Technical Program Manager"),
            ),
        ),
        teams=("Payments", "Platform", "Mobile", "Growth", "Identity", "Search", "Integrations"),
        locations={"berlin": 5, "london": 4, "bangalore": 5, "austin": 2, "lisbon": 3,
                   "toronto": 1, "san_francisco": 1},
        projects=("the checkout rewrite", "our move to Kubernetes", "the public API launch",
                  "the on-call overhaul", "the mobile app redesign", "the search relevance work"),
        highlights=(
            "Led the move of a payments service to three regions without downtime.",
            "Cut the test suite from forty minutes to six.",
            "Wrote the API guidelines every team now follows.",
            "Rewrote the runbooks for a platform serving two million users.",
        ),
        leader_highlights=(
            "Built and led a team of six through a re-platforming that cut page load by half.",
            "Hired and onboarded more than twenty engineers across three countries.",
            "Turned a team with weekly incidents into one that ships daily without drama.",
        ),
        field_of_work="software engineering",
        industries=("SaaS", "Fintech", "E-commerce", "Telecommunications"),
    ),
    Department(
        name="Product",
        size=20,
        head_title="VP of Product",
        director_title="Director of Product",
        tracks=(
            Track(
                "Product Manager",
                ("Associate Product Manager", "Product Manager", "Product Manager",
                 "Senior Product Manager", "Principal Product Manager"),
                "Group Product Manager",
                ("Product discovery", "Roadmapping", "Prioritisation", "Experiment design",
                 "Product analytics", "User interviews", "Writing product specs"),
                ("Product Marketing Manager", "Technical Program Manager", "Strategy Manager"),
            ),
            Track(
                "Technical Program Manager",
                ("Program Coordinator", "Technical Program Manager",
                 "Technical Program Manager", "Senior Technical Program Manager",
                 "Principal Technical Program Manager"),
                "Head of Program Management",
                ("Program management", "Risk management", "Release management",
                 "Stakeholder management"),
                ("Product Manager", "Operations Manager"),
            ),
        ),
        teams=("Core product", "Payments", "Growth", "Platform", "Mobile"),
        locations={"london": 4, "berlin": 2, "new_york": 2, "san_francisco": 2, "bangalore": 1},
        projects=("the pricing experiment", "the onboarding redesign", "the 2026 roadmap",
                  "the enterprise tier launch", "our first mobile release"),
        highlights=(
            "Launched two features from discovery to general availability.",
            "Ran the pricing experiment that grew revenue per customer by 18%.",
            "Set up the customer interview programme the team still runs.",
        ),
        leader_highlights=(
            "Built the product team's discovery practice from scratch.",
            "Grew the product team from three people to twelve.",
        ),
        field_of_work="product management",
        industries=("SaaS", "E-commerce", "Fintech"),
    ),
    Department(
        name="Design",
        size=15,
        head_title="VP of Design",
        director_title="Design Director",
        tracks=(
            Track(
                "Product Designer",
                ("Junior Product Designer", "Product Designer", "Product Designer II",
                 "Senior Product Designer", "Principal Product Designer"),
                "Design Manager",
                ("Interaction design", "Prototyping", "Figma", "Design systems",
                 "Accessibility", "Visual design"),
                ("Product Manager", "UX Researcher", "Frontend Engineer"),
            ),
            Track(
                "UX Researcher",
                ("Research Assistant", "UX Researcher", "UX Researcher II",
                 "Senior UX Researcher", "Lead UX Researcher"),
                "Research Manager",
                ("User interviews", "Usability testing", "Survey design", "Research synthesis"),
                ("Product Manager", "Data Analyst"),
            ),
        ),
        teams=("Product design", "Design systems", "Research"),
        locations={"london": 3, "berlin": 2, "lisbon": 2, "new_york": 1},
        projects=("the design system", "the onboarding research", "the accessibility audit",
                  "the dashboard redesign"),
        highlights=(
            "Built a design system used by forty engineers across five teams.",
            "Led research that changed the direction of our flagship product.",
            "Ran the accessibility audit and fixed most of what it found.",
        ),
        leader_highlights=(
            "Grew the design team from two people to fifteen.",
            "Set up design critique and a career ladder for designers.",
        ),
        field_of_work="product design and research",
        industries=("SaaS", "Agency", "E-commerce"),
    ),
    Department(
        name="Data & Analytics",
        size=18,
        head_title="VP of Data",
        director_title="Director of Data",
        tracks=(
            Track(
                "Data Analyst",
                ("Junior Data Analyst", "Data Analyst", "Data Analyst II", "Senior Data Analyst",
                 "Lead Data Analyst"),
                "Analytics Manager",
                ("SQL", "Data visualisation", "Statistics", "Dashboards", "Product analytics",
                 "Python"),
                ("Data Scientist", "Product Manager", "FP&A Analyst"),
            ),
            Track(
                "Data Scientist",
                ("Junior Data Scientist", "Data Scientist", "Data Scientist II",
                 "Senior Data Scientist", "Principal Data Scientist"),
                "Data Science Manager",
                ("Machine learning", "Statistics", "Experiment design", "Python", "Forecasting"),
                ("Data Engineer", "Product Manager"),
            ),
            Track(
                "Data Engineer",
                ("Junior Data Engineer", "Data Engineer", "Data Engineer II",
                 "Senior Data Engineer", "Staff Data Engineer"),
                "Data Engineering Manager",
                ("SQL", "Data modelling", "Airflow", "dbt", "Python", "Distributed systems"),
                ("Software Engineer", "Data Scientist"),
            ),
        ),
        teams=("Analytics", "Data platform", "Machine learning"),
        locations={"bangalore": 4, "london": 2, "berlin": 2, "toronto": 1},
        projects=("the churn model", "the new data warehouse", "the metrics layer",
                  "the forecasting pipeline"),
        highlights=(
            "Built the company's first churn model, now used by every account team.",
            "Designed the metrics layer the whole company reports from.",
        ),
        leader_highlights=(
            "Led the migration to a modern data stack in under six months.",
            "Built the data team from its first hire.",
        ),
        field_of_work="data and analytics",
        industries=("SaaS", "Fintech", "Consulting"),
    ),
    Department(
        name="Marketing",
        size=25,
        head_title="VP of Marketing",
        director_title="Director of Marketing",
        tracks=(
            Track(
                "Marketing",
                ("Marketing Coordinator", "Marketing Associate", "Marketing Specialist",
                 "Senior Marketing Specialist", "Lead Marketing Strategist"),
                "Marketing Manager",
                ("Campaign management", "Brand strategy", "Copywriting", "Marketing analytics",
                 "Event planning"),
                ("Product Marketing Manager", "Sales Representative", "Customer Success Manager"),
            ),
            Track(
                "Product Marketing",
                ("Product Marketing Associate", "Product Marketing Associate",
                 "Product Marketing Manager", "Senior Product Marketing Manager",
                 "Principal Product Marketing Manager"),
                "Head of Product Marketing",
                ("Positioning", "Go-to-market planning", "Competitive analysis",
                 "Customer research", "Sales enablement"),
                ("Product Manager", "Marketing Manager"),
            ),
            Track(
                "Growth Marketing",
                ("Growth Marketing Coordinator", "Growth Marketer", "Growth Marketing Specialist",
                 "Senior Growth Marketer", "Lead Growth Marketer"),
                "Growth Marketing Manager",
                ("SEO", "Paid acquisition", "Experiment design", "Marketing analytics",
                 "Lifecycle email"),
                ("Product Manager", "Data Analyst"),
            ),
        ),
        teams=("Brand", "Demand generation", "Product marketing", "Content"),
        locations={"london": 4, "new_york": 4, "austin": 2, "sao_paulo": 1, "singapore": 1},
        projects=("the rebrand", "the EMEA launch campaign", "our annual customer conference",
                  "the new website", "the partner marketing programme"),
        highlights=(
            "Grew organic traffic from 20k to 300k visits a month.",
            "Wrote the positioning for our enterprise launch.",
            "Ran our customer conference for 1,500 people.",
        ),
        leader_highlights=(
            "Ran the rebrand that doubled inbound leads in a year.",
            "Built the product marketing function.",
        ),
        field_of_work="marketing",
        industries=("SaaS", "Consumer goods", "Agency", "Media"),
    ),
    Department(
        name="Sales",
        size=42,
        head_title="VP of Sales",
        director_title="Regional Sales Director",
        tracks=(
            Track(
                "Sales Representative",
                ("Sales Development Representative", "Sales Representative",
                 "Account Executive", "Senior Account Executive", "Enterprise Account Executive"),
                "Sales Manager",
                ("Prospecting", "Negotiation", "Discovery calls", "Pipeline management",
                 "Salesforce", "Closing"),
                ("Marketing Manager", "Customer Success Manager", "Sales Operations Analyst"),
            ),
            Track(
                "Solutions Engineer",
                ("Associate Solutions Engineer", "Solutions Engineer", "Solutions Engineer II",
                 "Senior Solutions Engineer", "Principal Solutions Engineer"),
                "Solutions Engineering Manager",
                ("Product demos", "Technical discovery", "API design", "Negotiation",
                 "Security questionnaires"),
                ("Product Manager", "Software Engineer"),
            ),
        ),
        teams=("EMEA", "North America", "APAC", "LATAM", "Enterprise"),
        locations={"new_york": 5, "london": 5, "austin": 3, "singapore": 4, "sao_paulo": 3,
                   "sydney": 3, "toronto": 1},
        projects=("the enterprise deal desk", "our first seven-figure deal",
                  "the new territory plan", "the partner channel"),
        highlights=(
            "Closed the company's largest deal after an eleven-month cycle.",
            "Finished top of the team three quarters in a row.",
            "Opened our first accounts in Brazil.",
        ),
        leader_highlights=(
            "Opened the APAC market and grew it to a quarter of new revenue.",
            "Built a sales team of ten and the onboarding that ramps new reps in eight weeks.",
        ),
        field_of_work="sales",
        industries=("SaaS", "Telecommunications", "Financial services"),
    ),
    Department(
        name="Customer Success",
        size=30,
        head_title="VP of Customer Success",
        director_title="Director of Customer Success",
        tracks=(
            Track(
                "Customer Success Manager",
                ("Customer Success Associate", "Customer Success Manager",
                 "Customer Success Manager", "Senior Customer Success Manager",
                 "Strategic Customer Success Manager"),
                "Customer Success Team Lead",
                ("Account management", "Renewals", "Onboarding customers",
                 "Executive business reviews", "Churn analysis"),
                ("Account Executive", "Product Manager", "Product Marketing Manager"),
            ),
            Track(
                "Support Engineer",
                ("Customer Support Specialist", "Support Engineer", "Support Engineer II",
                 "Senior Support Engineer", "Lead Support Engineer"),
                "Support Manager",
                ("Troubleshooting", "Writing help articles", "SQL", "Ticket triage",
                 "Customer empathy"),
                ("QA Engineer", "Software Engineer", "Customer Success Manager",
                 "Product Manager"),
            ),
        ),
        teams=("Enterprise", "Mid-market", "Support", "Onboarding"),
        locations={"london": 3, "austin": 3, "lisbon": 3, "singapore": 2, "sao_paulo": 2,
                   "bangalore": 2, "sydney": 1},
        projects=("the renewal playbook", "the onboarding programme", "the help centre rewrite",
                  "the support tooling migration"),
        highlights=(
            "Saved two of our largest accounts from churning.",
            "Wrote half of the help centre and cut ticket volume by a fifth.",
            "Designed the onboarding programme for enterprise customers.",
        ),
        leader_highlights=(
            "Brought gross retention from 86% to 94% across the enterprise book.",
            "Built the support team in Lisbon from two people to twelve.",
        ),
        field_of_work="customer success and support",
        industries=("SaaS", "Hospitality", "Retail"),
    ),
    Department(
        name="Finance",
        size=16,
        head_title="Chief Financial Officer",
        director_title="Finance Director",
        tracks=(
            Track(
                "Finance",
                ("Junior Accountant", "Accountant", "Financial Analyst", "Senior Financial Analyst",
                 "Lead Financial Analyst"),
                "Finance Manager",
                ("Financial modelling", "Budgeting", "Excel", "Forecasting",
                 "Financial reporting", "Month-end close"),
                ("Data Analyst", "Operations Manager", "Sales Operations Analyst"),
            ),
            Track(
                "FP&A",
                ("FP&A Associate", "FP&A Analyst", "FP&A Analyst II", "Senior FP&A Analyst",
                 "Lead FP&A Analyst"),
                "FP&A Manager",
                ("Financial modelling", "Forecasting", "Business partnering",
                 "Presenting to executives"),
                ("Product Manager", "Strategy Manager"),
            ),
        ),
        teams=("Accounting", "FP&A", "Revenue"),
        locations={"london": 4, "new_york": 2, "lisbon": 1},
        projects=("the Series C data room", "the move to a new ERP", "the 2026 budget",
                  "the revenue recognition audit"),
        highlights=(
            "Built the revenue model the board uses.",
            "Cut the month-end close from ten days to five.",
        ),
        leader_highlights=(
            "Led finance through two funding rounds and an audit.",
            "Built the FP&A team and the budgeting process every department now follows.",
        ),
        field_of_work="finance",
        industries=("Financial services", "SaaS", "Audit"),
    ),
    Department(
        name="People",
        size=18,
        head_title="VP of People",
        director_title="Director of People",
        tracks=(
            Track(
                "Learning & Development",
                ("L&D Coordinator", "L&D Specialist", "L&D Specialist",
                 "Senior L&D Specialist", "Leadership Coach"),
                "Learning & Development Manager",
                ("Facilitation", "Coaching others", "Programme design", "Career frameworks"),
                ("People Partner", "Product Manager"),
            ),
            Track(
                "People Partner",
                ("People Coordinator", "People Partner", "People Partner",
                 "Senior People Partner", "Lead People Partner"),
                "People Partner Manager",
                ("Employee relations", "Performance reviews", "Change management",
                 "Employment law basics", "Coaching others"),
                ("Learning & Development Manager", "Operations Manager"),
            ),
            Track(
                "Recruiter",
                ("Recruiting Coordinator", "Recruiter", "Recruiter", "Senior Recruiter",
                 "Lead Recruiter"),
                "Talent Acquisition Manager",
                ("Sourcing", "Hiring and interviewing", "Employer branding", "Negotiation"),
                ("People Partner", "Account Executive"),
            ),
        ),
        teams=("Learning & development", "People partnering", "Talent acquisition"),
        locations={"london": 4, "berlin": 1, "new_york": 1, "bangalore": 1},
        projects=("the career framework", "the new performance cycle",
                  "the manager onboarding programme", "the engagement survey"),
        highlights=(
            "Designed the career framework every team now uses for promotions.",
            "Hired forty people in a year for engineering and sales.",
            "Ran leadership programmes for more than two hundred new managers.",
        ),
        leader_highlights=(
            "Built the people team as the company grew from 50 to 300 people.",
            "Rolled out a new performance cycle across four countries.",
        ),
        field_of_work="HR and people development",
        industries=("SaaS", "Consulting", "Retail"),
    ),
    Department(
        name="Operations",
        size=17,
        head_title="Chief Operating Officer",
        director_title="Director of Operations",
        tracks=(
            Track(
                "Business Operations",
                ("Operations Associate", "Operations Analyst", "Business Operations Analyst",
                 "Senior Business Operations Analyst", "Lead Strategy & Operations"),
                "Operations Manager",
                ("Process improvement", "Vendor management", "SQL", "Project management",
                 "Financial modelling"),
                ("Product Manager", "Technical Program Manager", "Strategy Manager"),
            ),
            Track(
                "Sales Operations",
                ("Sales Operations Coordinator", "Sales Operations Analyst",
                 "Revenue Operations Analyst", "Senior Revenue Operations Analyst",
                 "Lead Revenue Operations Analyst"),
                "Revenue Operations Manager",
                ("Salesforce", "Forecasting", "Dashboards", "Process improvement"),
                ("Data Analyst", "Account Executive"),
            ),
            Track(
                "Workplace & IT",
                ("IT Support Technician", "IT Specialist", "Systems Administrator",
                 "Senior Systems Administrator", "Lead IT Engineer"),
                "IT Manager",
                ("Identity and access management", "Device management", "Vendor management",
                 "Security awareness"),
                ("Site Reliability Engineer", "Security Engineer"),
            ),
        ),
        teams=("Business operations", "Revenue operations", "Workplace & IT"),
        locations={"london": 3, "austin": 2, "lisbon": 1, "bangalore": 1, "singapore": 1},
        projects=("the office move", "the CRM clean-up", "the quarterly planning process",
                  "the security certification"),
        highlights=(
            "Built the planning process the company still runs every quarter.",
            "Moved the company to a new CRM without losing a deal.",
            "Got us through our first security certification.",
        ),
        leader_highlights=(
            "Opened offices in Lisbon and Singapore in the same year.",
            "Built the operations team and its first quarterly planning cycle.",
        ),
        field_of_work="operations",
        industries=("SaaS", "Logistics", "Consulting"),
    ),
    Department(
        name="Legal",
        size=8,
        head_title="General Counsel",
        director_title="Deputy General Counsel",
        tracks=(
            Track(
                "Legal",
                ("Paralegal", "Legal Counsel", "Legal Counsel", "Senior Legal Counsel",
                 "Lead Counsel"),
                "Legal Manager",
                ("Contract negotiation", "Privacy and GDPR", "Employment law basics",
                 "Risk management"),
                ("Compliance Manager", "People Partner"),
            ),
            Track(
                "Compliance",
                ("Compliance Assistant", "Compliance Analyst", "Compliance Analyst",
                 "Senior Compliance Analyst", "Lead Compliance Analyst"),
                "Compliance Manager",
                ("Risk management", "Audit preparation", "Privacy and GDPR", "Policy writing"),
                ("Operations Manager", "Legal Counsel"),
            ),
        ),
        teams=("Commercial legal", "Privacy & compliance"),
        locations={"london": 3, "new_york": 1, "berlin": 1},
        projects=("the SOC 2 audit", "the new customer contract", "the GDPR review"),
        highlights=(
            "Wrote the contract playbook sales uses for every deal.",
            "Led the GDPR review for our European launch.",
        ),
        leader_highlights=(
            "Led the company through its first SOC 2 and ISO 27001 audits.",
            "Built the legal team and cut contract turnaround from weeks to days.",
        ),
        field_of_work="legal and compliance",
        industries=("Law firm", "SaaS", "Financial services"),
    ),
)

OTHER_INDUSTRIES = ("Healthcare", "Public sector", "Education", "Consulting", "Retail")

COACH_CREDENTIALS = (
    "ICF ACC", "ICF PCC", "ICF PCC", "ICF MCC", "EMCC Senior Practitioner",
    "ICF ACC; Co-Active (CPCC)",
)
COACHING_FOCUS = (
    "new people leaders", "career transitions", "confidence and executive presence",
    "leading through change", "difficult conversations", "returning from parental leave",
    "women in leadership", "burnout and boundaries", "strategic thinking", "first 90 days",
)

HORIZONS = (
    "within a year", "in the next 18 months", "by the end of next year", "in the next two years",
    "before my next review cycle",
)

# Career goals, first person. Slots: {target} {current} {skill_a} {skill_b} {horizon}
# {team} {project} {department}.
GOALS_UP = (
    "I want to be promoted to {target} {horizon}. On {project} I did the work but not the "
    "influencing around it; I need to get better at {skill_a} and at making my impact visible.",
    "My goal is to reach {target} {horizon}. I'd like help turning feedback from my last review "
    "into a plan, especially around {skill_a}.",
    "I'm aiming for {target}. Concretely: lead one piece of work end to end on the {team} team "
    "and build depth in {skill_a} and {skill_b}.",
    "I want to grow from {current} into {target} {horizon}. I'd like a mentor who has made the "
    "same step and can tell me what changed for them.",
    "Next step for me is {target}. I'm strong on delivery; I want to get better at "
    "{skill_a} and at saying no to the wrong work.",
)
GOALS_MANAGE = (
    "I've been the informal lead on the {team} team for a year and want to make it official: "
    "{target} {horizon}. I need practice with {skill_a} and with running a hiring loop.",
    "I want to move into people management as {target}. I'm not sure yet whether I'll enjoy it, "
    "so I'd like to try mentoring an intern first and get honest feedback on {skill_a}.",
    "My goal is to become {target} {horizon}. The hard part for me will be {skill_a}: I have "
    "never had to do it for real, and I'd like to practise before it counts.",
    "I want to lead a team. On {project} I coordinated five people and loved it; now I want to "
    "learn {skill_a} and {skill_b} properly before I apply for {target} roles.",
)
GOALS_CROSS = (
    "I want to move from {current} to {target} {horizon}. I already work closely with that team "
    "on {project}; what I'm missing is {skill_a}.",
    "I'd like to switch tracks into {target}. I've been doing parts of the job informally and "
    "want to build {skill_a} and {skill_b} so the move is credible.",
    "After a few years as {current} I want to try {target}. I'd like to talk to people who made a "
    "similar move about what they wish they'd known, and to shadow someone on {skill_a}.",
    "My plan is to become {target} {horizon}. I'm taking a course on {skill_a}, and I want a "
    "mentor to review my work and help me find a first project in {department}.",
)
GOALS_LEADER = (
    "I want to step up to {target} {horizon}. That means less doing and more {skill_a}; I'd "
    "like a thinking partner for the org design decisions ahead of us.",
    "My goal is {target}. I need to get better at {skill_a} and at building managers who can "
    "run without me.",
    "I lead managers now, and I want to grow into {target}. This year: a clear strategy for "
    "{department}, and more practice at {skill_a}.",
)
GOALS_STAY = (
    "I'm happy in my role as {current} and want to go deeper rather than up: this year I want to "
    "master {skill_a} and share what I learn with the {team} team.",
    "No job change planned; I want to become the person people ask about {skill_a} and get "
    "more comfortable with {skill_b}.",
)

EXPERIENCE_TEMPLATES = (
    "{years} years in {field}, most recently as {title}. {highlight} I enjoy helping people "
    "with {skill_a} and {skill_b}.",
    "Before joining us I worked in {industry}. {highlight} Happy to talk about {skill_a}, "
    "{skill_b} and changing industries.",
    "I started as {first_title} and have been {title} for the last few years. {highlight} "
    "Ask me about {skill_a} or how to grow in {field}.",
)
# For people who came from another job family; slots as above plus {origin}.
EXPERIENCE_SWITCHER = (
    "I moved into {field} after working as {origin}. {highlight} I like helping people who "
    "are planning a similar switch, and with {skill_a}.",
    "{years} years of experience, the first of them as {origin}, now {title}. {highlight} "
    "Ask me about changing job families or about {skill_a}.",
)

COACH_EXPERIENCE = (
    "{credential} certified coach with over {hours} coaching hours, alongside my role as "
    "{title}. I work with people on {focus_a} and {focus_b}, using a question-led approach.",
    "Alongside my role as {title} I coach {focus_a} and {focus_b} ({credential}, {hours}+ "
    "hours). {years} years in {field} mean I know the pressure of the job from the inside.",
)
# Coaching hours a credential needs (ICF ACC 100+, PCC 500+, MCC 2,500+), as examples.
COACH_HOURS = {"ACC": (150, 300, 400), "PCC": (500, 750, 1000), "MCC": (2500, 3000),
               "EMCC": (300, 600)}

MENTEE_ANSWERS = (
    "A clear plan for the move to {target} and someone to hold me to it.",
    "More confidence with {skill_a}, and a realistic view of what {target} involves.",
    "A sounding board outside my team, and one concrete project that stretches me.",
    "Honest feedback on my {skill_a} and a network beyond {department}.",
)
MENTOR_HOURS = ("1–2 hours", "3–4 hours", "5 or more hours")
LEAD_STARTED = (
    "Less than 6 months ago", "6–12 months ago", "More than a year ago", "Not yet: starting soon",
)

# The people the demo prints as sign-ins: (what they show, full name, email local part).
LOGINS = (
    ("program manager", "Priya Raman", "priya.raman"),
    ("mentor", "Marco Alvarez", "marco.alvarez"),
    ("mentee", "Maya Chen", "maya.chen"),
    ("coach", "Chloe Martin", "chloe.martin"),
    ("organization admin", "Olga Petrova", "olga.petrova"),
)

# The three demo programs: fields for programs.services.program_create, then their questions.
PROGRAMS: tuple[dict[str, Any], ...] = (
    {
        "fields": {
            "name": "Grow: 1:1 mentoring",
            "slug": "grow",
            "kind": "mentoring",
            "description": (
                "Year-round 1:1 mentoring for everyone, at every level. Tell us where you want "
                "your career to go and we match you with a mentor from another team who has "
                "walked that path. Pairs meet every two weeks for six months."
            ),
            "status": "open",
            # Both: Priya matches the program in bulk, and a mentee can also choose (so the
            # demo shows both flows: the workbench, and Maya asking Marco herself).
            "matching_mode": "both",
            "mentor_capacity": 3,
            "duration_weeks": 26,
            "default_cadence": "biweekly",
        },
        # Only good fits: a mentor who has held the target role (or a related one), or who
        # offers at least two of the skills the mentee wants; others stay unmatched with the
        # closest mentors named (matching.services.matchpriority_set).
        "priority": {"priority": "good_fits", "floor_role": True, "floor_skills": 2},
        "questions": [
            {
                "text": "What would you like to be different six months from now?",
                "help_text": "A sentence or two is plenty; your mentor will read it.",
                "audience": "mentee",
            },
            {
                "text": "How much time can you give each month?",
                "audience": "mentor",
                "choices": list(MENTOR_HOURS),
            },
        ],
    },
    {
        "fields": {
            "name": "Lead: coaching for new people leaders",
            "slug": "lead",
            "kind": "coaching",
            "description": (
                "Six sessions with a certified coach for people in their first year of managing "
                "others, or about to start. Places are limited: the Learning & Development "
                "team reviews each application."
            ),
            "status": "open",
            "eligible_levels": ["lead", "manager"],
            "requires_approval": True,
            "matching_mode": "manager",
            "mentor_capacity": 4,
            "mentee_limit": 30,
            "duration_weeks": 16,
            "default_cadence": "biweekly",
        },
        "questions": [
            {
                "text": "When did you start leading people?",
                "audience": "mentee",
                "choices": list(LEAD_STARTED),
            },
        ],
    },
    {
        "fields": {
            "name": "Peer mentoring: learn from each other",
            "slug": "peer",
            "kind": "peer",
            "description": (
                "Pair up with a colleague at a similar stage in another team and swap skills: "
                "teach what you know, learn what you don't. Browse the peers on offer and "
                "choose one yourself."
            ),
            "status": "open",
            "matching_mode": "mentee_choice",
            "mentor_capacity": 2,
            "duration_weeks": 12,
            "default_cadence": "biweekly",
        },
        "questions": [],
    },
)
