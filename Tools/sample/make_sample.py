#!/usr/bin/env python3
"""Generate Waymark's bundled sample directory (Data/sample).

An HSDS 3.0 tabular data package in Waymark's profile (waymark-hsds-1), describing two
FICTIONAL countries: Arvelia (XA, country of destination) and Dravonia (XB, country of
origin). Every organization, person, address, phone number and e-mail address below is
invented. Standard library only; the output is byte-identical on every run.

    python3 Tools/sample/make_sample.py            # from the repository root
    python3 Tools/sample/make_sample.py --out DIR  # write somewhere else
"""

import argparse
import csv
import datetime
import hashlib
import json
import os
import re
import sys
import uuid

REFERENCE_DATE = datetime.date(2026, 1, 15)
STALE_DAYS = 180
NS = uuid.uuid5(uuid.NAMESPACE_URL, "https://waymark.example.org/sample/v1")


def uid(kind, key):
    return str(uuid.uuid5(NS, kind + ":" + key))


def h(key, mod):
    """A stable pseudo-random integer in [0, mod) derived from a key."""
    return int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:12], 16) % mod


# ---------------------------------------------------------------------------------------
# The official HSDS 3.0 tables: resource name, file, and fields in the official order.
# Field spec: "name:type[:format][!]" where "!" marks required.
# ---------------------------------------------------------------------------------------

OFFICIAL = [
    ("organization", "organizations.csv",
     "id:string:uuid! name:string! alternate_name:string description:string! "
     "email:string:email website:string:uri tax_status:string tax_id:string "
     "year_incorporated:number legal_status:string logo:string uri:string:uri "
     "parent_organization_id:string:uuid"),
    ("program", "programs.csv",
     "id:string:uuid! organization_id:string:uuid! name:string! alternate_name:string "
     "description:string!"),
    ("service", "services.csv",
     "id:string:uuid! organization_id:string:uuid! program_id:string:uuid name:string! "
     "alternate_name:string description:string url:string:uri email:string:email "
     "status:string! interpretation_services:string application_process:string "
     "fees_description:string wait_time:string fees:string accreditations:string "
     "eligibility_description:string minimum_age:number maximum_age:number "
     "assured_date:date assurer_email:string:email licenses:string alert:string "
     "last_modified:datetime"),
    ("attribute", "attributes.csv",
     "id:string:uuid! link_id:string:uuid! taxonomy_term_id:string:uuid! link_type:string "
     "link_entity:string! value:string"),
    ("service_at_location", "service_at_location.csv",
     "id:string:uuid! service_id:string:uuid! location_id:string:uuid! description:string"),
    ("location", "locations.csv",
     "id:string:uuid! location_type:string! url:string:uri organization_id:string:uuid "
     "name:string alternate_name:string description:string transportation:string "
     "latitude:number longitude:number external_identifier:string "
     "external_identifier_type:string"),
    ("phone", "phones.csv",
     "id:string:uuid! location_id:string:uuid service_id:string:uuid "
     "organization_id:string:uuid contact_id:string:uuid "
     "service_at_location_id:string:uuid number:string! extension:number type:string "
     "description:string"),
    ("contact", "contacts.csv",
     "id:string:uuid! organization_id:string:uuid service_id:string:uuid "
     "service_at_location_id:string:uuid location_id:string:uuid name:string "
     "title:string department:string email:string:email"),
    ("address", "addresses.csv",
     "id:string:uuid! location_id:string:uuid attention:string address_1:string! "
     "address_2:string city:string! region:string state_province:string! "
     "postal_code:string! country:string! address_type:string!"),
    ("schedule", "schedules.csv",
     "id:string:uuid! service_id:string:uuid location_id:string:uuid "
     "service_at_location_id:string:uuid valid_from:date valid_to:date dtstart:date "
     "timezone:number until:date count:number wkst:string freq:string interval:number "
     "byday:string byweekno:string bymonthday:string byyearday:string description:string "
     "opens_at:time closes_at:time schedule_link:string:uri attending_type:string "
     "notes:string"),
    ("funding", "funding.csv",
     "id:string:uuid! organization_id:string:uuid service_id:string:uuid source:string"),
    ("service_area", "service_areas.csv",
     "id:string:uuid! service_id:string:uuid name:string description:string extent:string "
     "extent_type:string uri:string"),
    ("required_document", "required_documents.csv",
     "id:string:uuid! service_id:string:uuid document:string uri:string:uri"),
    ("language", "languages.csv",
     "id:string:uuid! service_id:string:uuid location_id:string:uuid phone_id:string:uuid "
     "name:string code:string note:string"),
    ("accessibility", "accessibility.csv",
     "id:string:uuid! location_id:string:uuid description:string details:string "
     "url:string:uri"),
    ("taxonomy_term", "taxonomy_terms.csv",
     "id:string:uuid! code:string name:string! description:string! parent_id:string:uuid "
     "taxonomy:string language:string taxonomy_id:string:uuid term_uri:string:uri"),
    ("metadata", "metadata.csv",
     "id:string:uuid! resource_id:string:uuid! resource_type:string! "
     "last_action_date:date! last_action_type:string! field_name:string! "
     "previous_value:string! replacement_value:string! updated_by:string!"),
    ("meta_table_description", "meta_table_descriptions.csv",
     "id:string:uuid! name:string language:string character_set:string"),
    ("cost_option", "cost_options.csv",
     "id:string:uuid! service_id:string:uuid! valid_from:date valid_to:date option:string "
     "currency:string amount:number amount_description:string"),
    ("organization_identifier", "organization_identifiers.csv",
     "id:string:uuid! organization_id:string:uuid! identifier_scheme:string "
     "identifier_type:string! identifier:string!"),
    ("taxonomy", "taxonomies.csv",
     "id:string:uuid! name:string! description:string! uri:string:uri version:string"),
]

OFFICIAL_FKS = {
    "program": [("organization_id", "organization")],
    "service": [("organization_id", "organization"), ("program_id", "program")],
    "attribute": [("taxonomy_term_id", "taxonomy_term")],
    "service_at_location": [("service_id", "service"), ("location_id", "location")],
    "location": [("organization_id", "organization")],
    "phone": [("contact_id", "contact"), ("location_id", "location"),
              ("organization_id", "organization"), ("service_id", "service"),
              ("service_at_location_id", "service_at_location")],
    "contact": [("location_id", "location"), ("organization_id", "organization"),
                ("service_id", "service"), ("service_at_location_id", "service_at_location")],
    "address": [("location_id", "location")],
    "schedule": [("location_id", "location"), ("service_id", "service"),
                 ("service_at_location_id", "service_at_location")],
    "funding": [("organization_id", "organization"), ("service_id", "service")],
    "service_area": [("service_id", "service")],
    "required_document": [("service_id", "service")],
    "language": [("location_id", "location"), ("phone_id", "phone"), ("service_id", "service")],
    "accessibility": [("location_id", "location")],
    "taxonomy_term": [("taxonomy_id", "taxonomy")],
    "cost_option": [("service_id", "service")],
    "organization_identifier": [("organization_id", "organization")],
}

# program.organization_id is unique in the official package (one program per organization).
OFFICIAL_UNIQUE = {("program", "organization_id"), ("taxonomy_term", "code")}

EXTRA = [
    ("area", "areas.csv",
     "Waymark extension: administrative areas (country, region, district) keyed by P-code.",
     "pcode:string! name:string! parent_pcode:string country:string! level:integer! "
     "latitude:number longitude:number timezone:string population:integer",
     "pcode", [("parent_pcode", "area", "pcode")]),
    ("travel_link", "travel_links.csv",
     "Waymark extension: undirected travel times between areas, in minutes.",
     "from_pcode:string! to_pcode:string! minutes:integer! border_crossing:boolean!",
     None, [("from_pcode", "area", "pcode"), ("to_pcode", "area", "pcode")]),
    ("service_capacity", "service_capacities.csv",
     "Waymark extension, as HSDS 3.1 service_capacity: places available and maximum.",
     "id:string:uuid! service_id:string:uuid! unit_id:string:uuid! available:number! "
     "maximum:number description:string updated:datetime!",
     "id", [("service_id", "service", "id"), ("unit_id", "unit", "id")]),
    ("unit", "units.csv",
     "Waymark extension, as HSDS 3.1 unit: the unit a capacity is counted in.",
     "id:string:uuid! name:string! scheme:string identifier:string uri:string:uri",
     "id", []),
]


def parse_fields(spec):
    out = []
    for item in spec.split():
        required = item.endswith("!")
        parts = item.rstrip("!").split(":")
        f = {"name": parts[0], "type": parts[1]}
        if len(parts) > 2:
            f["format"] = parts[2]
        out.append((f, required))
    return out


# ---------------------------------------------------------------------------------------
# Controlled vocabularies (DOMAIN.md) -> taxonomies and taxonomy terms
# ---------------------------------------------------------------------------------------

TAXONOMIES = [
    ("waymark-service-type", "Waymark service types: what a counter-trafficking service offers. "
     "A dotted child code implies its parent."),
    ("waymark-sex", "Waymark sex accepted: which sexes a service accepts. No term on a service "
     "means any sex."),
    ("waymark-exploitation", "Waymark exploitation types: which forms of exploitation a service "
     "accepts. No term on a service means any."),
    ("waymark-condition", "Waymark access conditions and flags on a service, or on a location "
     "for confidential-address."),
]

TERMS = {
    "waymark-service-type": [
        ("hotline", "Hotline", "A telephone or online line for first contact, advice and referral."),
        ("identification", "Identification", "Screening for trafficking indicators, formal identification, or the work of the NRM competent authority."),
        ("shelter", "Shelter", "Safe accommodation for presumed or identified victims of trafficking."),
        ("shelter.emergency", "Emergency shelter", "Short-stay safe accommodation available at short notice, usually for the first days or weeks."),
        ("shelter.long-term", "Long-term shelter", "Accommodation through the recovery and reflection period and beyond, with support towards independent living."),
        ("shelter.children", "Children's shelter", "Residential care for children, with care staff and a guardian or representative."),
        ("health", "Health care", "Health care of any kind; a child term says which."),
        ("health.medical", "Medical care", "Emergency and general medical examination and treatment."),
        ("health.sexual-reproductive", "Sexual and reproductive health", "Sexual and reproductive health care, including testing, contraception and pregnancy care."),
        ("health.mental", "Mental health care", "Psychiatric or psychological assessment and treatment, including trauma therapy."),
        ("psychosocial", "Psychosocial support", "Counselling, peer support and case management for recovery."),
        ("legal", "Legal assistance", "Legal information, advice or support of any kind; a child term says which."),
        ("legal.aid", "Legal aid and representation", "Free legal advice and representation in criminal, civil or labour proceedings."),
        ("legal.immigration", "Immigration and asylum advice", "Help with residence permits, reflection periods, asylum and other immigration matters."),
        ("legal.compensation", "Compensation claims", "Help to claim compensation or unpaid wages from offenders, employers or a state fund."),
        ("interpretation", "Interpretation", "Interpretation and cultural mediation, in person or by telephone."),
        ("child-protection", "Child protection", "Guardianship, best-interests assessment and case management for children."),
        ("family-tracing", "Family tracing", "Tracing family members and restoring contact, after a risk assessment."),
        ("return", "Assisted voluntary return", "Organising a safe and voluntary return to the country of origin."),
        ("reintegration", "Reintegration", "Support after return or exit from exploitation towards a stable life in the community."),
        ("livelihood", "Livelihood support", "Support to earn a living; a child term says which kind."),
        ("livelihood.vocational", "Vocational training", "Courses and apprenticeships that lead to a qualification or trade."),
        ("livelihood.employment", "Employment support", "Job search, job placement and support in work."),
        ("livelihood.cash", "Cash assistance", "Cash grants, allowances or micro-grants."),
        ("education", "Education", "Schooling, catch-up classes, literacy and language courses."),
        ("basic-needs", "Basic needs", "Food, clothing, hygiene items and other material aid."),
        ("transport", "Safe transport", "Safe escort and transport to a service, a shelter or a border."),
        ("consular", "Consular assistance", "Consular protection, identity and travel documents from a person's own state."),
        ("law-enforcement", "Anti-trafficking police", "Specialised anti-trafficking police: reporting a crime, protection and investigation."),
    ],
    "waymark-sex": [
        ("female", "Female", "The service accepts women and girls."),
        ("male", "Male", "The service accepts men and boys."),
        ("other", "Other", "The service accepts people whose recorded sex is neither female nor male."),
    ],
    "waymark-exploitation": [
        ("sexual", "Sexual exploitation", "Exploitation of the prostitution of others or other forms of sexual exploitation."),
        ("labour", "Labour exploitation", "Forced labour or services, including in agriculture, construction, fishing and factories."),
        ("domestic-servitude", "Domestic servitude", "Forced labour in a private household, often with confinement."),
        ("forced-marriage", "Forced marriage", "Marriage without the free and full consent of one party, used for exploitation."),
        ("forced-criminality", "Forced criminality", "Being forced to commit crimes such as theft or drug cultivation."),
        ("begging", "Forced begging", "Being forced to beg for the profit of others."),
        ("organ-removal", "Organ removal", "Trafficking for the removal of organs."),
        ("other-exploitation", "Other exploitation", "A form of exploitation not listed elsewhere."),
    ],
    "waymark-condition": [
        ("requires-police-cooperation", "Requires police cooperation", "The service is given only to people who cooperate with the police or prosecution."),
        ("requires-formal-identification", "Requires formal identification", "The service is given only after formal identification as a victim by the competent authority."),
        ("requires-legal-residence", "Requires legal residence", "The service is given only to people with legal residence in the country."),
        ("nationals-only", "Nationals only", "The service is given only to nationals of the country where it is delivered."),
        ("foreign-nationals-only", "Foreign nationals only", "The service is given only to people who are not nationals of the country where it is delivered."),
        ("closed-facility", "Closed facility", "Residents may not leave the facility freely."),
        ("accepts-dependents", "Accepts dependents", "The shelter also accommodates the person's children or other dependents."),
        ("accepts-unaccompanied-children", "Accepts unaccompanied children", "The shelter accommodates children who are not with a parent or caregiver."),
        ("open-24-7", "Open 24/7", "The service can be reached at any hour of every day."),
        ("confidential-address", "Confidential address", "The location's address must not be disclosed; contact goes through the service's phone."),
        ("referral-required", "Referral required", "No walk-ins: a referral from an agency is needed."),
        ("free-of-charge", "Free of charge", "The service costs the person nothing."),
    ],
}

LANGUAGES = {
    "ro": "Romanian", "en": "English", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic",
    "th": "Thai", "km": "Khmer", "vi": "Vietnamese", "tl": "Tagalog", "fr": "French",
    "tr": "Turkish", "rmy": "Vlax Romani", "bg": "Bulgarian",
}

# ---------------------------------------------------------------------------------------
# Geography
# ---------------------------------------------------------------------------------------

# pcode, name, level, lat, lon, timezone, population, city (for addresses)
AREAS = [
    ("XA", "Republic of Arvelia", 0, 45.30, 25.40, "Europe/Istanbul", None, None),
    ("XA01", "Valdora", 1, 44.98, 25.05, "", None, None),
    ("XA0101", "Valdora-Centru", 2, 44.9800, 25.0200, "", 412300, "Valdora"),
    ("XA0102", "Valdora-Nord", 2, 45.1200, 25.0500, "", 187450, "Valdora"),
    ("XA0103", "Mirești", 2, 45.0500, 25.3800, "", 64120, "Mirești"),
    ("XA0104", "Lunca Albă", 2, 44.7800, 24.8000, "", 52800, "Lunca Albă"),
    ("XA02", "Portavia", 1, 44.33, 24.00, "", None, None),
    ("XA0201", "Portavia", 2, 44.3000, 24.0500, "", 231900, "Portavia"),
    ("XA0202", "Săliștea de Jos", 2, 44.5200, 24.3500, "", 48300, "Săliștea de Jos"),
    ("XA0203", "Corbeni", 2, 44.1200, 23.7800, "", 39050, "Corbeni"),
    ("XA0204", "Țărmureni", 2, 44.4000, 23.7000, "", 27400, "Țărmureni"),
    ("XA03", "Câmpia Răsăritului", 1, 45.18, 26.70, "", None, None),
    ("XA0301", "Brâncovia", 2, 45.0200, 26.2000, "", 156700, "Brâncovia"),
    ("XA0302", "Răsăreni", 2, 45.3000, 26.5500, "", 41200, "Răsăreni"),
    ("XA0303", "Vadul Nou", 2, 44.9500, 27.0500, "", 33600, "Vadul Nou"),
    ("XA0304", "Ostrovița", 2, 45.4500, 27.0000, "", 22100, "Ostrovița"),
    ("XA04", "Țara de Sus", 1, 46.60, 25.33, "", None, None),
    ("XA0401", "Hârtop", 2, 46.4500, 25.1000, "", 36200, "Hârtop"),
    ("XA0402", "Izvoarele", 2, 46.6200, 25.3000, "", 18350, "Izvoarele"),
    ("XA0403", "Stâna Veche", 2, 46.7500, 25.6000, "", 9100, "Stâna Veche"),
    ("XB", "Republic of Dravonia", 0, 45.25, 28.30, "Asia/Tbilisi", None, None),
    ("XB01", "Zarevsk Oblast", 1, 45.43, 28.82, "", None, None),
    ("XB0101", "Zarevsk", 2, 45.3200, 28.7000, "", 520400, "Zarevsk"),
    ("XB0102", "Belogorsk", 2, 45.5500, 28.9500, "", 88100, "Belogorsk"),
    ("XB02", "Kalnitsa Oblast", 1, 45.18, 27.82, "", None, None),
    ("XB0201", "Kalnitsa", 2, 44.9800, 27.5500, "", 74300, "Kalnitsa"),
    ("XB0202", "Tomarovo", 2, 45.4000, 27.7500, "", 31250, "Tomarovo"),
    ("XB0203", "Sosnovka", 2, 45.1500, 28.1500, "", 26900, "Sosnovka"),
]
AREA = {a[0]: a for a in AREAS}

# Undirected. XA04 (Țara de Sus) is remote: reachable only over 180-240 minute links.
TRAVEL = [
    ("XA0101", "XA0102", 25), ("XA0101", "XA0103", 40), ("XA0101", "XA0104", 35),
    ("XA0102", "XA0103", 45), ("XA0101", "XA0201", 95), ("XA0104", "XA0202", 80),
    ("XA0201", "XA0202", 45), ("XA0201", "XA0203", 55), ("XA0201", "XA0204", 60),
    ("XA0203", "XA0204", 70), ("XA0103", "XA0301", 100), ("XA0301", "XA0302", 40),
    ("XA0301", "XA0303", 75), ("XA0302", "XA0304", 50), ("XA0303", "XA0304", 35),
    ("XA0102", "XA0401", 210), ("XA0304", "XA0403", 240),
    ("XA0401", "XA0402", 50), ("XA0402", "XA0403", 65),
    ("XA0303", "XB0201", 80, True), ("XA0304", "XB0202", 105, True),
    ("XB0201", "XB0202", 55), ("XB0201", "XB0203", 50), ("XB0203", "XB0101", 60),
    ("XB0101", "XB0102", 35), ("XB0202", "XB0102", 110),
]


def country_of(pcode):
    return pcode[:2]


def region_of(pcode):
    return pcode[:4]


def capital_of(country):
    return {"XA": "XA0101", "XB": "XB0101"}[country]


# ---------------------------------------------------------------------------------------
# Directory content (all fictional)
# ---------------------------------------------------------------------------------------

ORGS = {}       # key -> dict
ORG_ORDER = []
LOCS = {}       # key -> dict
LOC_ORDER = []
SVCS = []       # list of dicts
PROGRAMS = []   # (key, org, name, alt, desc)

STREETS = {
    "XA": ["Strada Libertății", "Bulevardul Unirii", "Strada Morii", "Strada Teilor",
           "Calea Mănăstirii", "Strada Fântânii", "Strada Gării", "Strada Școlii",
           "Aleea Trandafirilor", "Strada Poeților", "Strada Pescarilor", "Strada Viilor"],
    "XB": ["ул. Мира", "проспект Победы", "ул. Садовая", "ул. Школьная",
           "ул. Вокзальная", "ул. Лесная", "ул. Береговая", "ул. Полевая"],
}


def org(key, name, desc, district, domain, kind="ngo", alt="", legal="", year=None,
        parent=None, tax_status="", street=None, loc_name=None, contact=None,
        ident=None, funding=None, langs=None, transport="", access=None, phone=True,
        loc_phone=False):
    assert key not in ORGS, key
    o = dict(key=key, name=name, desc=desc, district=district, domain=domain, kind=kind,
             alt=alt, legal=legal, year=year, parent=parent, tax_status=tax_status,
             contact=contact, ident=ident, funding=funding, phone=phone,
             langs=langs or (["ro"] if country_of(district) == "XA" else ["ru"]))
    ORGS[key] = o
    ORG_ORDER.append(key)
    loc(key + ":main", key, district, loc_name or (alt or name) + " — office", street=street,
        transport=transport, access=access, phone=loc_phone)
    return key


def loc(key, org_key, district, name, kind="physical", street=None, confidential=False,
        desc="", transport="", access=None, url="", alt="", phone=False):
    assert key not in LOCS, key
    LOCS[key] = dict(key=key, org=org_key, district=district, name=name, kind=kind,
                     street=street, confidential=confidential, desc=desc,
                     transport=transport, access=access, url=url, alt=alt, phone=phone)
    LOC_ORDER.append(key)
    return key


def vloc(key, org_key, country, name, url, desc=""):
    return loc(key, org_key, capital_of(country), name, kind="virtual", url=url, desc=desc)


def program(key, org_key, name, desc, alt=""):
    PROGRAMS.append((key, org_key, name, alt, desc))
    return key


OFFICE = [("MO,TU,WE,TH,FR", "09:00", "17:00")]
OFFICE_SAT = OFFICE + [("SA", "10:00", "14:00")]


def svc(key, org_key, name, desc, types, locs=None, *, alt="", sex=None, expl=None,
        cond=(), minage=None, maxage=None, status="active", areas=(), hours="office",
        langs=None, cap=None, assured="auto", phone=True, email=True, url=False, app="",
        elig="", fees="", interp="", wait="", alert="", prog=None, docs=(), free=None,
        phone_desc="", sal_desc=None, accreditations="", licenses="", cost=None):
    o = ORGS[org_key]
    if free is None:
        free = o["kind"] not in ("private",)
    conds = list(cond)
    if hours == "24/7":
        conds.append("open-24-7")
    if free:
        conds.append("free-of-charge")
    s = dict(key=key, org=org_key, name=name, desc=desc, types=list(types),
             locs=list(locs) if locs else [org_key + ":main"], alt=alt, sex=sex, expl=expl,
             cond=conds, minage=minage, maxage=maxage, status=status, areas=list(areas),
             hours=hours, langs=langs or o["langs"], cap=cap, assured=assured, phone=phone,
             email=email, url=url, app=app, elig=elig, fees=fees, interp=interp, wait=wait,
             alert=alert, prog=prog, docs=list(docs), phone_desc=phone_desc,
             sal_desc=sal_desc or {}, accreditations=accreditations, licenses=licenses,
             cost=cost)
    assert key not in {x["key"] for x in SVCS}, key
    SVCS.append(s)
    return key


REGION_CITY = {"XA01": ("Valdora", "XA0101"), "XA02": ("Portavia", "XA0201"),
               "XA03": ("Brâncovia", "XA0301"), "XA04": ("Hârtop", "XA0401")}
XA_REGIONS = ["XA01", "XA02", "XA03", "XA04"]
RN = {r: AREA[r][1] for r in AREA}  # pcode -> name

# ===================================== ARVELIA (XA) ====================================

# --- National Agency against Trafficking in Persons (NRM competent authority) ---------
org("naatp", "Agenția Națională împotriva Traficului de Persoane",
    "The government agency that coordinates Arvelia's National Referral Mechanism, runs the "
    "national anti-trafficking hotline and takes formal identification decisions.",
    "XA0101", "naatp.example.org", kind="gov",
    alt="National Agency against Trafficking in Persons (NAATP)", legal="Government agency",
    year=2006, street="Bulevardul Unirii 12",
    contact=("Ioana Dragomir", "NRM coordinator", "National Referral Mechanism"),
    ident=("XA-GOV", "Government register number", "GOV-0041"),
    funding="State budget of Arvelia", langs=["ro", "en"],
    access=("Step-free entrance and lift", "Ramp at the side entrance on Strada Teilor; lift to all floors."))
program("naatp-nrm", "naatp", "National Referral Mechanism",
        "Arvelia's framework for identifying, protecting and assisting presumed and identified "
        "victims of trafficking, coordinated by NAATP.", alt="Mecanismul Național de Referire")
vloc("naatp:hotline", "naatp", "XA", "Linia Verde 0800 (telephone)",
     "https://naatp.example.org/hotline", "Free national telephone line; no premises.")
vloc("naatp:chat", "naatp", "XA", "NAATP online chat", "https://chat.naatp.example.org")
for r, (city, d) in REGION_CITY.items():
    if r != "XA01":
        loc("naatp:" + r, "naatp", d, "NAATP regional office " + city)
svc("naatp-hotline", "naatp", "Linia Verde 0800 — National Anti-Trafficking Hotline",
    "Free, anonymous national hotline for presumed victims, families, witnesses and "
    "professionals. Operators screen for trafficking indicators and refer callers to "
    "shelters, police or other services across Arvelia.",
    ["hotline"], ["naatp:hotline"], alt="National Anti-Trafficking Hotline 0800",
    hours="24/7", areas=["XA"], langs=["ro", "en", "ru", "uk", "ar"], prog="naatp-nrm",
    phone_desc="Free from any phone in Arvelia", assured="2026-01-09",
    interp="Operators speak Romanian, English, Russian, Ukrainian and Arabic; other languages "
           "through a telephone interpreter within 10 minutes.")
svc("naatp-chat", "naatp", "Online chat counselling",
    "Anonymous text chat with trained NAATP counsellors for people who cannot speak safely on "
    "the phone. Counsellors give safety advice and can arrange a call-back or a referral.",
    ["hotline"], ["naatp:chat"], hours=[("MO,TU,WE,TH,FR,SA,SU", "08:00", "22:00")],
    areas=["XA"], langs=["ro", "en", "ru", "uk"], phone=False, url=True, prog="naatp-nrm")
svc("naatp-identification", "naatp", "NRM competent authority — formal identification",
    "Takes the formal (conclusive) identification decision for presumed victims referred by "
    "front-line agencies, after an interview with an interpreter. The decision opens access to "
    "state allowances and long-term programmes.",
    ["identification"], areas=["XA"], cond=["referral-required"], prog="naatp-nrm",
    app="Referral by a front-line agency using the national referral form; interview within 10 working days.",
    wait="Decision within 30 days of referral", langs=["ro", "en"])
for r, (city, d) in REGION_CITY.items():
    if r == "XA01":
        continue
    svc("naatp-screening-" + r, "naatp", "Regional victim screening office — " + city,
        "Screens people for trafficking indicators and opens a presumed-victim file so that "
        "assistance can start at once in the " + RN[r] + " region. Staff travel to police "
        "stations, hospitals and shelters on request.",
        ["identification"], ["naatp:" + r], areas=[r], prog="naatp-nrm",
        assured="stale" if r == "XA04" else "auto")
svc("naatp-port-desk", "naatp", "Victim information desk at Portavia port",
    "Screening and information desk at the passenger and fishing port for seafarers, fishers "
    "and other workers arriving by sea. Staff can call an interpreter and the police unit.",
    ["identification"], ["naatp:XA02"], areas=["XA02"], langs=["ro", "en", "km", "tl"],
    hours=[("MO,TU,WE,TH,FR", "07:00", "19:00"), ("SA", "08:00", "12:00")], prog="naatp-nrm")

# --- Specialised anti-trafficking police ------------------------------------------------
org("dcco", "Direcția de Combatere a Criminalității Organizate — Unitatea Antitrafic",
    "The specialised police unit that investigates trafficking in persons, protects victims "
    "and witnesses, and works with prosecutors.",
    "XA0101", "dcco.example.org", kind="gov",
    alt="Anti-Trafficking Unit, Directorate for Combating Organised Crime (DCCO-AT)",
    legal="Government agency", year=2003, street="Calea Mănăstirii 77",
    contact=("Comisar Andrei Munteanu", "Head of unit", "Anti-Trafficking Unit"),
    funding="State budget of Arvelia", langs=["ro", "en"])
for r, (city, d) in REGION_CITY.items():
    lk = "dcco:main" if r == "XA01" else loc("dcco:" + r, "dcco", d, "Anti-trafficking police bureau " + city)
    svc("dcco-" + r, "dcco", "Anti-trafficking police — " + city + " bureau",
        "Specialised officers take reports of trafficking, rescue people in danger and arrange "
        "protection. A victim can talk to an officer without making a formal statement.",
        ["law-enforcement"], [lk], hours="24/7", areas=[r], langs=["ro", "en"],
        assured="stale" if r == "XA04" else "auto")
loc("dcco:safehouse", "dcco", "XA0102", "Protected accommodation (address withheld)",
    confidential=True, desc="Police-run protected accommodation; address withheld.")
svc("dcco-witness-shelter", "dcco", "Victim-witness protected accommodation",
    "State shelter for victims who take part in criminal proceedings as witnesses, with police "
    "protection on site. A place is given only while the person cooperates with the "
    "investigation and trial.",
    ["shelter", "shelter.long-term"], ["dcco:safehouse"], sex=["female", "male"], minage=18,
    cond=["requires-police-cooperation", "referral-required", "accepts-dependents"],
    hours="24/7", areas=["XA01"], cap=("bed", 3, 12), langs=["ro", "en"],
    app="Referral by the prosecutor or the anti-trafficking police only.",
    phone_desc="Duty officer; the address is given only on admission")

# --- Border police ------------------------------------------------------------------------
org("border", "Poliția de Frontieră — Sectorul Vadul Nou",
    "Border police sector at the main road crossing with Dravonia, trained to spot trafficking "
    "indicators among travellers and returnees.",
    "XA0303", "border.example.org", kind="gov",
    alt="Border Police, Vadul Nou Sector", legal="Government agency", year=1999,
    street="Strada Gării 2", funding="State budget of Arvelia", langs=["ro", "ru", "en"])
svc("border-screening", "border", "Border screening of travellers at Vadul Nou crossing",
    "Border officers screen travellers, especially young people and groups with one "
    "'recruiter', for trafficking indicators and call the NAATP screening office or the "
    "anti-trafficking police.",
    ["identification"], hours="24/7", areas=["XA0303"], langs=["ro", "ru", "en"])
svc("border-police", "border", "Border police duty post — Vadul Nou",
    "Takes reports of trafficking at the border and protects people escaping from traffickers "
    "until the specialised unit arrives.",
    ["law-enforcement"], hours="24/7", areas=["XA0303", "XA0304"], langs=["ro", "ru"],
    assured="stale")

# --- Labour Inspectorate ----------------------------------------------------------------
org("labinsp", "Inspecția Muncii",
    "The national labour inspectorate: inspects workplaces, acts on complaints of forced and "
    "undeclared work, and refers exploited workers to the NRM.",
    "XA0101", "inspectiamuncii.example.org", kind="gov", alt="Labour Inspectorate of Arvelia",
    legal="Government agency", year=1999, street="Strada Poeților 9",
    funding="State budget of Arvelia")
for r, (city, d) in REGION_CITY.items():
    lk = "labinsp:main" if r == "XA01" else loc("labinsp:" + r, "labinsp", d, "Labour inspection office " + city)
    svc("labinsp-" + r, "labinsp", "Labour exploitation complaints and worksite inspection — " + city,
        "Inspectors take complaints from workers and third parties, inspect farms, building "
        "sites, fishing boats and factories, and refer workers with trafficking indicators to "
        "the NRM. Complaints can be made without giving a name.",
        ["identification"], [lk], expl=["labour", "domestic-servitude"], areas=[r],
        hours=[("MO,TU,WE,TH", "08:00", "16:30"), ("FR", "08:00", "14:00")],
        assured="stale" if r in ("XA03", "XA04") else "auto")
vloc("labinsp:line", "labinsp", "XA", "Undeclared work reporting line (telephone)",
     "https://inspectiamuncii.example.org/report")
svc("labinsp-line", "labinsp", "Undeclared and forced work reporting line",
    "Telephone line to report forced, unpaid or undeclared work, including on behalf of someone "
    "else. Reports are passed to the regional inspection office within one working day.",
    ["hotline"], ["labinsp:line"], expl=["labour", "domestic-servitude"], areas=["XA"],
    hours=[("MO,TU,WE,TH,FR", "08:00", "20:00")], langs=["ro", "en", "ru"])

# --- National Child Protection Authority ------------------------------------------------
org("ncpa", "Autoritatea Națională pentru Protecția Drepturilor Copilului",
    "The national authority for children's rights: appoints guardians for separated children "
    "and sets best-interests procedures for child victims.",
    "XA0101", "copii.example.org", kind="gov", alt="National Child Protection Authority",
    legal="Government agency", year=2004, street="Strada Școlii 3",
    contact=("Maria Ionescu", "Head of guardianship unit", "Guardianship"),
    funding="State budget of Arvelia", langs=["ro", "en"])
vloc("ncpa:116", "ncpa", "XA", "Telefonul Copilului 116 111 (telephone)", "https://copii.example.org/116111")
svc("ncpa-guardianship", "ncpa", "Guardianship for separated and trafficked children",
    "Appoints a guardian or legal representative for children without parental care, "
    "including foreign children, within 24 hours of a report. The guardian takes part in every "
    "decision about the child.",
    ["child-protection"], maxage=17, cond=["accepts-unaccompanied-children"], areas=["XA"],
    hours=OFFICE, langs=["ro", "en"])
svc("ncpa-116", "ncpa", "Telefonul Copilului 116 111 — child helpline",
    "Free helpline for children and for adults worried about a child. Counsellors alert child "
    "protection and the police when a child is in danger.",
    ["hotline", "child-protection"], ["ncpa:116"], alt="Child helpline 116 111",
    hours="24/7", areas=["XA"], langs=["ro", "en", "ru", "uk"])
svc("ncpa-tracing", "ncpa", "Family tracing and best-interests assessment for child victims",
    "Traces the families of separated child victims and carries out the best-interests and "
    "risk assessment required before any family contact or return.",
    ["family-tracing", "child-protection"], maxage=17, cond=["referral-required"],
    areas=["XA"], langs=["ro", "en", "ru"])

# --- Regional directorates for social assistance and child protection -------------------
DG = {
    "XA01": ("dgaspc-valdora", "Direcția Generală de Asistență Socială și Protecția Copilului Valdora",
             "Valdora Directorate for Social Assistance and Child Protection", "dgaspc-valdora.example.org"),
    "XA02": ("dgaspc-portavia", "Direcția Generală de Asistență Socială și Protecția Copilului Portavia",
             "Portavia Directorate for Social Assistance and Child Protection", "dgaspc-portavia.example.org"),
    "XA03": ("dgaspc-campia", "Direcția Generală de Asistență Socială și Protecția Copilului Câmpia Răsăritului",
             "Câmpia Răsăritului Directorate for Social Assistance and Child Protection", "dgaspc-campia.example.org"),
    "XA04": ("dgaspc-tarasus", "Direcția Generală de Asistență Socială și Protecția Copilului Țara de Sus",
             "Țara de Sus Directorate for Social Assistance and Child Protection", "dgaspc-tarasus.example.org"),
}
CHILD_CAP = {"XA01": (2, 16), "XA02": (0, 12), "XA03": (3, 10), "XA04": (1, 6)}
for r, (ok, name, alt, dom) in DG.items():
    city, d = REGION_CITY[r]
    org(ok, name, "The regional public social services and child protection directorate for "
        "the " + RN[r] + " region: emergency care for children, social aid and state shelters.",
        d, dom, kind="gov", alt=alt, legal="Government agency", year=2005,
        parent=None, funding="Regional budget of " + RN[r],
        contact=("Duty social worker", "Duty social worker", "Emergency response") if r in ("XA01", "XA03") else None)
    lc = loc(ok + ":children", ok, d, "Emergency reception centre for children " + city, phone=True)
    svc(ok + "-children", ok, "Centrul de primire în regim de urgență pentru copii — " + city,
        "Emergency residential care for children in danger, including unaccompanied foreign "
        "children and child victims of trafficking, while a guardian is appointed and a plan is "
        "made. Admission at any hour.",
        ["shelter", "shelter.emergency", "shelter.children", "child-protection"], [lc],
        alt="Emergency reception centre for children — " + city, maxage=17,
        cond=["accepts-unaccompanied-children"], hours="24/7", areas=[r],
        cap=("bed",) + CHILD_CAP[r], assured="stale" if r == "XA04" else "auto")
    svc(ok + "-childcase", ok, "Case management for child victims — " + city,
        "A child-protection case manager assesses the child's needs, organises care, school and "
        "health services, and prepares the best-interests assessment.",
        ["child-protection", "psychosocial"], maxage=17, areas=[r])
    svc(ok + "-intake", ok, "Social assistance intake and emergency aid — " + city,
        "Walk-in social assistance: food and hygiene packages, clothes, and a one-off emergency "
        "payment for people in acute need, with help to apply for regular benefits.",
        ["basic-needs", "livelihood.cash"], areas=[r],
        hours=OFFICE_SAT if r == "XA01" else OFFICE,
        cond=["requires-legal-residence"] if r == "XA02" else [],
        docs=["Identity document or residence permit"] if r == "XA02" else [])
    svc(ok + "-counselling", ok, "Counselling for adult victims of trafficking — " + city,
        "Individual counselling and case management for adult victims during the recovery and "
        "reflection period, in the office or in the person's shelter.",
        ["psychosocial"], minage=18, areas=[r],
        assured="stale" if r == "XA03" else ("none" if r == "XA04" else "auto"))
    if r != "XA04":
        lw = loc(ok + ":women", ok, d, "State shelter for women " + city)
        svc(ok + "-women", ok, "Adăpost de stat pentru femei victime ale traficului — " + city,
            "State shelter for adult women victims of trafficking and their children, with "
            "social workers, a psychologist and help with documents. Stays of up to 90 days, "
            "renewable.",
            ["shelter", "shelter.long-term"], [lw],
            alt="State shelter for women victims of trafficking — " + city,
            sex=["female"], minage=18, cond=["accepts-dependents", "referral-required"],
            hours="24/7", areas=[r], cap=("bed", {"XA01": 4, "XA02": 2, "XA03": 0}[r],
                                          {"XA01": 18, "XA02": 12, "XA03": 10}[r]),
            assured="stale" if r == "XA03" else "auto")
    if r in ("XA01", "XA02"):
        svc(ok + "-foster", ok, "Foster care placement for children — " + city,
            "Places children who cannot live with their family with trained foster carers, "
            "including specialised carers for child victims of trafficking.",
            ["child-protection"], maxage=17, cond=["referral-required"], areas=[r])
    if r == "XA04":
        lm = loc(ok + ":men", ok, d, "Hârtop men's shelter")
        svc(ok + "-men", ok, "Adăpostul pentru bărbați Hârtop",
            "Shelter for adult men victims of trafficking, mostly men exploited in forestry "
            "and construction. Closed after fire damage; no admissions until repairs are done.",
            ["shelter", "shelter.emergency"], [lm], alt="Hârtop men's shelter",
            sex=["male"], minage=18, status="temporarily closed", hours="24/7", areas=["XA04"],
            cap=("bed", 0, 8),
            alert="Temporarily closed after fire damage on 2 December 2025; reopening not before May 2026.")

# --- Immigration -------------------------------------------------------------------------
org("igi", "Inspectoratul General pentru Imigrări",
    "The immigration authority: decides on residence permits, reflection periods and asylum "
    "applications of foreign nationals.",
    "XA0101", "igi.example.org", kind="gov", alt="General Inspectorate for Immigration",
    legal="Government agency", year=2007, street="Strada Fântânii 40",
    funding="State budget of Arvelia", langs=["ro", "en"])
loc("igi:port", "igi", "XA0201", "Immigration office Portavia port")
svc("igi-reflection", "igi", "Recovery and reflection period for foreign victims",
    "Grants foreign presumed victims a 90-day recovery and reflection period, during which they "
    "cannot be expelled. No cooperation with the police is asked for.",
    ["legal.immigration"], cond=["foreign-nationals-only"], areas=["XA"],
    langs=["ro", "en", "ru", "ar"], docs=["Presumed-victim notice from NAATP or a front-line agency"])
svc("igi-permit", "igi", "Residence permit for victims of trafficking",
    "Issues a renewable 6-month residence permit to foreign victims. The permit is tied to "
    "cooperation with the investigation or prosecution.",
    ["legal.immigration"], cond=["foreign-nationals-only", "requires-police-cooperation"],
    areas=["XA"], langs=["ro", "en"], wait="Decision within 30 days",
    docs=["Prosecutor's certificate of cooperation", "Passport or other identity document"])
svc("igi-asylum", "igi", "Asylum information desk — Portavia port",
    "Explains the asylum procedure to people arriving by sea and registers asylum applications.",
    ["legal.immigration"], ["igi:port"], cond=["foreign-nationals-only"], areas=["XA02"],
    langs=["ro", "en", "ar", "fr"], assured="stale")

# --- Employment --------------------------------------------------------------------------
org("anofm", "Agenția Națională pentru Ocuparea Forței de Muncă",
    "The public employment service: job mediation, vocational courses and employment "
    "allowances.", "XA0101", "anofm.example.org", kind="gov", alt="National Employment Agency",
    legal="Government agency", year=1998, street="Strada Gării 21",
    funding="State budget of Arvelia")
program("anofm-insertion", "anofm", "Social insertion of victims of trafficking",
        "Employment measures reserved for identified victims of trafficking.")
for r, (city, d) in REGION_CITY.items():
    lk = "anofm:main" if r == "XA01" else loc("anofm:" + r, "anofm", d, "Employment office " + city)
    svc("anofm-jobs-" + r, "anofm", "Job mediation — " + city,
        "Job counselling and placement with registered employers, with a dedicated counsellor "
        "for victims of trafficking.",
        ["livelihood.employment"], [lk], minage=16, cond=["requires-legal-residence"],
        areas=[r], docs=["Identity card or residence permit"],
        assured="stale" if r == "XA04" else "auto")
svc("anofm-courses", "anofm", "Vocational qualification courses",
    "Free three- to six-month courses leading to a national qualification (cook, welder, "
    "care assistant, hairdresser and others), with a monthly stipend.",
    ["livelihood.vocational"], minage=16, cond=["requires-legal-residence"], areas=["XA"],
    cap=("place", 0, 24), docs=["Identity card or residence permit"], prog="anofm-insertion")
svc("anofm-allowance", "anofm", "Insertion allowance for identified victims",
    "A monthly allowance for up to 12 months for Arvelian nationals formally identified as "
    "victims of trafficking who register as job seekers.",
    ["livelihood.cash"], minage=18, cond=["nationals-only", "requires-formal-identification"],
    areas=["XA"], prog="anofm-insertion",
    docs=["Formal identification decision issued by NAATP", "Arvelian identity card"])

# --- Compensation and court-based support -------------------------------------------------
org("cvcc", "Comisia pentru Compensarea Victimelor Infracțiunilor",
    "The state commission that pays compensation to victims of violent crime, including "
    "trafficking, from a public fund.", "XA0101", "compensatii.example.org", kind="gov",
    alt="Crime Victims Compensation Commission", legal="Government agency", year=2004,
    street="Bulevardul Unirii 58", funding="Ministry of Justice of Arvelia")
svc("cvcc-compensation", "cvcc", "State compensation for victims of trafficking",
    "Pays compensation for medical costs, lost earnings and moral damage when the offender "
    "cannot pay. A criminal complaint must have been filed and the victim must cooperate with "
    "the prosecution.",
    ["legal.compensation"], minage=None, cond=["requires-police-cooperation", "requires-legal-residence"],
    areas=["XA"], hours=[("TU,TH", "09:00", "13:00")], assured="stale",
    docs=["Copy of the criminal complaint or court decision", "Proof of legal residence"],
    wait="Decision within 6 months")
svc("cvcc-courtdesk", "cvcc", "Victim information office at Valdora Tribunal",
    "Explains the criminal process to victims and witnesses, arranges separate waiting rooms "
    "and video testimony, and accompanies them to hearings.",
    ["legal", "psychosocial"], areas=["XA01"], langs=["ro", "en"])

# --- Health --------------------------------------------------------------------------
org("scuv", "Spitalul Clinic de Urgență Valdora",
    "The main public emergency hospital of the capital.", "XA0101", "scuv.example.org",
    kind="gov", alt="Valdora Emergency Clinical Hospital", legal="Public hospital", year=1934,
    street="Calea Mănăstirii 8", funding="National Health Insurance Fund of Arvelia",
    access=("Wheelchair accessible", "Emergency department at street level; accessible toilets."))
svc("scuv-er", "scuv", "Emergency department",
    "Emergency medical care for anyone, insured or not, including forensic documentation of "
    "injuries on request.", ["health", "health.medical"], hours="24/7", langs=["ro", "en"],
    interp="Telephone interpreter available through the Community Interpreters Association.")
svc("scuv-paed", "scuv", "Paediatric emergency unit",
    "Emergency care for children and adolescents; social worker on call for child-protection "
    "cases.", ["health.medical"], maxage=17, hours="24/7")
svc("scuv-psych", "scuv", "Outpatient psychiatry",
    "Psychiatric assessment and treatment for adults, including trauma-related disorders.",
    ["health.mental"], minage=18, cond=["referral-required"],
    hours=[("MO,TU,WE,TH,FR", "08:00", "15:00")], wait="About 2 weeks")

org("sjup", "Spitalul Județean de Urgență Portavia",
    "The county emergency hospital for the Portavia region.", "XA0201", "sjup.example.org",
    kind="gov", alt="Portavia County Emergency Hospital", legal="Public hospital", year=1958,
    funding="National Health Insurance Fund of Arvelia")
svc("sjup-er", "sjup", "Emergency department",
    "Emergency medical care, including for injured seafarers and fishers brought in from "
    "vessels.", ["health.medical"], hours="24/7", areas=["XA02"])
svc("sjup-gyn", "sjup", "Gynaecology and sexual health outpatient clinic",
    "Gynaecological examination, STI testing and treatment, contraception and pregnancy care.",
    ["health.sexual-reproductive"], sex=["female"], hours=OFFICE, areas=["XA02"])
svc("sjup-mental", "sjup", "Community mental health team",
    "Assessment and treatment for depression, anxiety and post-traumatic stress, with home "
    "visits in the Portavia region.", ["health.mental"], minage=16, areas=["XA02"],
    cond=["referral-required"], assured="stale")

org("csb", "Centrul de Sănătate Brâncuși",
    "A public community health centre in Brâncovia offering primary care and women's health.",
    "XA0301", "csbrancusi.example.org", kind="gov", alt="Brâncuși Health Centre",
    legal="Public health centre", year=1972, street="Strada Viilor 15",
    funding="National Health Insurance Fund of Arvelia")
svc("csb-primary", "csb", "Primary care clinic",
    "General practitioners see patients without an appointment in the morning, insured or "
    "not. Vaccinations and chronic disease care.", ["health", "health.medical"],
    hours=[("MO,TU,WE,TH,FR", "08:00", "18:00"), ("SA", "09:00", "13:00")], areas=["XA03"])
svc("csb-srh", "csb", "Sexual and reproductive health clinic",
    "Confidential STI and HIV testing, contraception and antenatal care; female doctors "
    "available on request.", ["health.sexual-reproductive"], hours=OFFICE, areas=["XA03"])

org("csmv", "Centrul de Sănătate Mintală Valdora-Nord",
    "A community mental health centre with a trauma team experienced with survivors of "
    "trafficking and torture.", "XA0102", "csmv.example.org", kind="gov",
    alt="Valdora-Nord Community Mental Health Centre", legal="Public health centre", year=2001,
    funding="National Health Insurance Fund of Arvelia")
svc("csmv-trauma", "csmv", "Trauma therapy for adults",
    "Assessment and trauma-focused therapy for adults, with interpreters. Up to 20 sessions.",
    ["health.mental", "psychosocial"], minage=18, cond=["referral-required"],
    wait="3 to 4 weeks", cap=("place", 0, 30), langs=["ro", "en", "ru"])
svc("csmv-youth", "csmv", "Child and adolescent mental health",
    "Assessment and therapy for children and adolescents, with their guardian present.",
    ["health.mental"], maxage=17, cond=["referral-required"], wait="About 2 weeks")

org("spho", "Spitalul Orășenesc Hârtop",
    "The only hospital of the mountain region of Țara de Sus.", "XA0401", "sphartop.example.org",
    kind="gov", alt="Hârtop Town Hospital", legal="Public hospital", year=1961,
    funding="National Health Insurance Fund of Arvelia")
svc("spho-er", "spho", "Emergency and general medicine",
    "Emergency care and general medicine for the whole Țara de Sus region.",
    ["health", "health.medical"], hours="24/7", areas=["XA04"], assured="stale")
svc("spho-psych", "spho", "Psychiatry and psychology outpatient clinic",
    "A psychiatrist visits twice a week; a psychologist sees patients on weekdays.",
    ["health.mental"], hours=[("TU,TH", "09:00", "14:00")], areas=["XA04"], assured="none")

org("iml", "Institutul de Medicină Legală Valdora",
    "The forensic medicine institute: documents injuries and age assessments for courts.",
    "XA0101", "iml.example.org", kind="gov", alt="Valdora Institute of Forensic Medicine",
    legal="Government agency", year=1950, funding="Ministry of Health of Arvelia")
svc("iml-exam", "iml", "Forensic medical examination",
    "Documents injuries and signs of abuse in a form that courts accept. Free when requested by "
    "the police or a prosecutor.", ["health.medical"], cond=["referral-required"],
    hours=[("MO,TU,WE,TH,FR", "08:00", "14:00")])

org("mpt", "Asociația Medici pentru Toți",
    "An association of volunteer doctors running a mobile clinic for people without health "
    "insurance, migrant workers and Roma communities.", "XA0201", "medicipentrutoti.example.org",
    alt="Doctors for All", legal="Non-governmental organization", year=2009,
    ident=("XA-RNO", "NGO registry number", "RNO-2009-1183"),
    funding="Private donations and a municipal grant", langs=["ro", "en", "ar"])
svc("mpt-mobile", "mpt", "Mobile clinic for farm and fishing workers",
    "A medical van visits farms, packing houses and harbours in the Portavia and Câmpia "
    "Răsăritului regions; no insurance or documents needed.", ["health", "health.medical"],
    areas=["XA02", "XA03"], hours=[("TU,WE,TH", "10:00", "18:00"), ("SA", "09:00", "13:00")],
    langs=["ro", "en", "ar", "km", "th"])
svc("mpt-srh", "mpt", "Sexual health outreach",
    "Testing for HIV, hepatitis and STIs, condoms and contraception, in outreach and at the "
    "Portavia office.", ["health.sexual-reproductive"], sex=["female", "male", "other"],
    hours=[("MO,WE", "12:00", "18:00")], areas=["XA02"])
svc("mpt-clinic", "mpt", "Free clinic Portavia",
    "Consultations, basic medicines and wound care for people without insurance.",
    ["health.medical"], hours=[("MO,TU,WE,TH,FR", "14:00", "19:00")], areas=["XA02"],
    assured="stale")

org("aurora", "Clinica Aurora",
    "A non-profit sexual and reproductive health clinic in Valdora.", "XA0101",
    "aurora.example.org", alt="Aurora Clinic", legal="Non-governmental organization", year=1996,
    ident=("XA-RNO", "NGO registry number", "RNO-1996-0207"), langs=["ro", "en", "ru"])
svc("aurora-srh", "aurora", "Sexual and reproductive health services",
    "Gynaecology, contraception, pregnancy care and safe abortion care within the law, with "
    "female staff and strict confidentiality.", ["health.sexual-reproductive"],
    sex=["female", "other"], hours=OFFICE_SAT)
svc("aurora-hiv", "aurora", "HIV and STI testing",
    "Rapid HIV, syphilis and hepatitis tests with results in 20 minutes, and referral for "
    "treatment.", ["health.sexual-reproductive"], hours=[("MO,TU,WE,TH,FR", "12:00", "19:00")])

org("medisan", "Clinica Medicală Medisan",
    "A private medical clinic in Valdora that sees victims referred by NGOs at a reduced fee.",
    "XA0101", "medisan.example.org", kind="private", alt="Medisan Medical Clinic",
    legal="Private company", year=2012, langs=["ro", "en", "tr"])
svc("medisan-gp", "medisan", "Private general practice and dentistry",
    "General medicine and dental care; fees are waived for victims referred by NAATP or a "
    "partner NGO.", ["health", "health.medical"], hours=OFFICE_SAT,
    fees="150 lei per consultation; waived for referred victims of trafficking",
    cost=("Standard consultation", 150, "150 Arvelian lei (fictional currency) per consultation"))

org("izvoare-post", "Dispensarul Medical Izvoarele",
    "A small rural health post in the mountain district of Izvoarele.", "XA0402",
    "dispensar-izvoarele.example.org", kind="gov", alt="Izvoarele Health Post",
    legal="Public health centre", year=1968)
svc("izvoare-post-gp", "izvoare-post", "Rural health post",
    "A family doctor and a nurse; minor emergencies and referrals to Hârtop hospital.",
    ["health.medical"], hours=[("MO,TU,WE,TH,FR", "08:00", "14:00")], areas=["XA0402", "XA0403"],
    assured="stale")

org("tarm-post", "Dispensarul Țărmureni",
    "A coastal health post used by fishers and their families.", "XA0204",
    "dispensar-tarmureni.example.org", kind="gov", alt="Țărmureni Health Post",
    legal="Public health centre", year=1975)
svc("tarm-post-gp", "tarm-post", "Harbour health post",
    "Primary care and first aid for fishers, including foreign crew, with a Khmer-speaking "
    "community health worker on Wednesdays.", ["health.medical"],
    hours=[("MO,TU,WE,TH,FR", "08:00", "16:00")], areas=["XA0204"], langs=["ro", "km"])

# --- Legal aid --------------------------------------------------------------------------
BARS = {"XA01": ("bar-valdora", "Baroul Valdora", "Valdora Bar Association"),
        "XA02": ("bar-portavia", "Baroul Portavia", "Portavia Bar Association"),
        "XA03": ("bar-campia", "Baroul Câmpia Răsăritului", "Câmpia Răsăritului Bar Association"),
        "XA04": ("bar-tarasus", "Baroul Țara de Sus", "Țara de Sus Bar Association")}
for r, (bk, bn, ba) in BARS.items():
    city, d = REGION_CITY[r]
    org(bk, bn, "The regional bar association; its legal aid service assigns lawyers free of "
        "charge to victims of crime.", d, bk + ".example.org", kind="ngo", alt=ba,
        legal="Professional body", year=1921)
    svc(bk + "-aid", bk, "Free legal aid service for victims of crime — " + city,
        "Assigns a lawyer free of charge to victims of trafficking for criminal proceedings and "
        "civil claims, without a means test.", ["legal.aid"], areas=[r],
        hours=[("MO,WE,FR", "09:00", "13:00")] if r == "XA04" else OFFICE,
        assured="stale" if r == "XA04" else "auto")
    svc(bk + "-claims", bk, "Compensation and unpaid wage claims — " + city,
        "A lawyer files the victim's civil claim for damages and unpaid wages in the criminal "
        "trial or before the labour court.", ["legal.compensation"], areas=[r],
        cond=["referral-required"], assured="none" if r == "XA03" else "auto")

org("crj", "Centrul de Resurse Juridice",
    "A legal NGO that represents victims of trafficking in court and litigates for "
    "compensation.", "XA0101", "crj.example.org", alt="Legal Resources Centre",
    legal="Non-governmental organization", year=1998,
    ident=("XA-RNO", "NGO registry number", "RNO-1998-0512"),
    contact=("Radu Vasilescu", "Lawyer", "Victims' rights programme"), langs=["ro", "en"])
svc("crj-representation", "crj", "Representation of victims in criminal trials",
    "Lawyers represent victims as injured parties, ask for protective measures and "
    "compensation, and prepare them for hearings.", ["legal", "legal.aid", "legal.compensation"],
    areas=["XA"], cond=["referral-required"])
loc("crj:miresti", "crj", "XA0103", "CRJ advice point at Mirești community hall")
svc("crj-advice", "crj", "Legal advice clinic",
    "Drop-in legal advice on criminal complaints, debts, identity documents and family law, "
    "in Valdora twice a week and in Mirești on Mondays.",
    ["legal.aid"], ["crj:main", "crj:miresti"], areas=["XA01"],
    hours={"crj:main": [("TU,TH", "10:00", "16:00")], "crj:miresti": [("MO", "10:00", "14:00")]})
svc("crj-remote", "crj", "Remote legal advice by phone and video",
    "Legal advice by telephone or video call for victims anywhere in Arvelia, including in "
    "shelters in remote regions.", ["legal.aid"],
    [vloc("crj:remote", "crj", "XA", "CRJ remote advice (telephone and video)", "https://crj.example.org/remote")],
    areas=["XA"], hours=[("MO,TU,WE,TH,FR", "10:00", "18:00")], langs=["ro", "en", "ru"])

org("clinbr", "Clinica Juridică a Universității din Brâncovia",
    "A university law clinic where supervised law students give free legal advice.",
    "XA0301", "law-clinic-brancovia.example.org", kind="ngo",
    alt="Brâncovia University Law Clinic", legal="Academic institution", year=2010)
svc("clinbr-advice", "clinbr", "Free legal advice clinic",
    "Students supervised by lawyers advise on labour, housing and immigration matters.",
    ["legal.aid", "legal.immigration"], hours=[("MO,WE", "14:00", "18:00")], areas=["XA03"],
    assured="stale")
svc("clinbr-remote", "clinbr", "Remote legal advice for farm workers",
    "Telephone advice for seasonal farm workers on contracts, wages and documents.",
    ["legal.aid"], [vloc("clinbr:remote", "clinbr", "XA", "Law clinic advice line (telephone)",
                         "https://law-clinic-brancovia.example.org/line")],
    expl=["labour"], areas=["XA03"], hours=[("TU,TH", "16:00", "20:00")], assured="none")

org("adm", "Asociația pentru Drepturile Migranților",
    "An NGO defending the rights of migrant workers and asylum seekers.", "XA0101",
    "migrantrights.example.org", alt="Migrant Rights Association",
    legal="Non-governmental organization", year=2008,
    ident=("XA-RNO", "NGO registry number", "RNO-2008-0990"), langs=["ro", "en", "ar", "fr"])
svc("adm-immigration", "adm", "Immigration and asylum advice",
    "Advice and representation on residence permits, reflection periods, asylum claims and "
    "appeals against expulsion.", ["legal.immigration"], cond=["foreign-nationals-only"],
    areas=["XA"], hours=[("MO,TU,WE,TH", "10:00", "17:00")])
svc("adm-labour", "adm", "Labour rights clinic for exploited workers",
    "Helps workers recover unpaid wages and passports and challenges abusive contracts; for "
    "people exploited at work only.", ["legal.aid", "legal.compensation"], expl=["labour"],
    areas=["XA"], hours=[("WE,FR", "14:00", "19:00"), ("SA", "10:00", "14:00")],
    langs=["ro", "en", "ar", "tl", "vi"])
svc("adm-detention", "adm", "Legal visits to immigration detention",
    "Lawyers visit the immigration detention centre weekly to screen detainees for trafficking "
    "and challenge detention.", ["legal.immigration", "identification"],
    cond=["foreign-nationals-only"], hours=None, areas=["XA"], assured="stale")

org("carv", "Consiliul Arvelian pentru Refugiați",
    "An NGO providing legal counselling and integration support to asylum seekers and "
    "refugees.", "XA0201", "carv.example.org", alt="Arvelian Council for Refugees",
    legal="Non-governmental organization", year=1999, langs=["ro", "en", "ar", "fr"])
svc("carv-asylum", "carv", "Legal counselling for asylum seekers",
    "Lawyers prepare asylum interviews and appeals and identify trafficking victims among "
    "asylum seekers.", ["legal.immigration"], cond=["foreign-nationals-only"],
    areas=["XA02", "XA01"])
svc("carv-integration", "carv", "Integration classes",
    "Language and orientation classes for refugees and people with residence permits.",
    ["education"], cond=["foreign-nationals-only"], hours=[("MO,WE", "17:00", "19:30")],
    areas=["XA02"])

# --- Interpretation -----------------------------------------------------------------------
org("aic", "Asociația Interpreților Comunitari",
    "A network of community interpreters and cultural mediators working with public services.",
    "XA0101", "interpreti.example.org", alt="Community Interpreters Association",
    legal="Non-governmental organization", year=2011,
    ident=("XA-RNO", "NGO registry number", "RNO-2011-0457"),
    langs=["ro", "en", "ar", "ru", "uk", "th", "km", "vi", "tl", "fr", "tr", "rmy"])
vloc("aic:phone", "aic", "XA", "Telephone interpreting", "https://interpreti.example.org/phone")
svc("aic-phone", "aic", "Telephone interpreting for front-line workers",
    "Interpreters join a call within 10 minutes for hotlines, police, hospitals and shelters, "
    "in 12 languages.", ["interpretation"], ["aic:phone"], hours="24/7", areas=["XA"])
svc("aic-inperson", "aic", "In-person interpreting and cultural mediation — Valdora",
    "Interpreters accompany victims to interviews, hearings and medical appointments.",
    ["interpretation"], areas=["XA01"], cond=["referral-required"],
    langs=["ro", "en", "ar", "ru", "uk", "vi", "tl"])
loc("aic:portavia", "aic", "XA0201", "Interpreters' office Portavia")
svc("aic-portavia", "aic", "In-person interpreting and cultural mediation — Portavia",
    "Interpreters and mediators for Khmer, Thai, Tagalog and Arabic speakers in the port area.",
    ["interpretation"], ["aic:portavia"], areas=["XA02"], cond=["referral-required"],
    langs=["ro", "km", "th", "tl", "ar"])

org("cmcp", "Centrul de Mediere Culturală Portavia",
    "A small centre of cultural mediators from the migrant communities of the port city.",
    "XA0201", "mediere.example.org", alt="Portavia Cultural Mediation Centre",
    legal="Non-governmental organization", year=2017, langs=["ro", "ar", "fr", "tl"])
svc("cmcp-mediation", "cmcp", "Cultural mediation and accompaniment",
    "Mediators accompany migrants to offices and explain their rights in their own language.",
    ["interpretation", "psychosocial"], areas=["XA02"], hours=OFFICE_SAT)
svc("cmcp-classes", "cmcp", "Romanian classes for migrants",
    "Free evening language classes, with childcare.", ["education"],
    hours=[("TU,TH", "18:00", "20:00")], areas=["XA02"])

# --- International organization --------------------------------------------------------
org("iosm-xa", "International Organization for Safe Migration — Arvelia Mission",
    "An intergovernmental organization assisting migrants and victims of trafficking, "
    "including assisted voluntary return and reintegration.", "XA0101",
    "arvelia.iosm.example.org", kind="io", alt="Organizația Internațională pentru Migrație Sigură (IOSM)",
    legal="Intergovernmental organization", year=1994, street="Aleea Trandafirilor 5",
    contact=("Sarah Okafor", "Counter-trafficking programme manager", "Protection"),
    funding="Voluntary contributions of member states", langs=["en", "ro", "ru", "ar", "fr"])
program("iosm-xa-avrr", "iosm-xa", "Assisted Voluntary Return and Reintegration (AVRR)",
        "Return from Arvelia with travel, escort and reintegration support in the country of origin.")
loc("iosm-xa:portavia", "iosm-xa", "XA0201", "IOSM sub-office Portavia")
svc("iosm-xa-return", "iosm-xa", "Assisted voluntary return",
    "Organises voluntary return to the country of origin: travel documents with the consulate, "
    "tickets, escort and reception on arrival, after a risk assessment.",
    ["return", "transport"], cond=["foreign-nationals-only"], areas=["XA"], prog="iosm-xa-avrr",
    langs=["en", "ro", "ru", "ar", "fr", "vi"], wait="2 to 6 weeks")
svc("iosm-xa-return-portavia", "iosm-xa", "Return counselling — Portavia",
    "Counselling on return options for migrants and seafarers in the port region.",
    ["return"], ["iosm-xa:portavia"], cond=["foreign-nationals-only"], areas=["XA02"],
    prog="iosm-xa-avrr", hours=[("TU,TH", "09:00", "16:00")])
svc("iosm-xa-escort", "iosm-xa", "Safe escort and transport",
    "Staff escort victims to shelters, hearings, medical appointments or the border, anywhere "
    "in Arvelia.", ["transport"], areas=["XA"], cond=["referral-required"])
svc("iosm-xa-screening", "iosm-xa", "Screening and direct assistance for migrant victims",
    "Screens migrants for trafficking indicators and covers urgent needs (food, clothes, "
    "medicines, phone credit) while a referral is made.", ["identification", "basic-needs"],
    cond=["foreign-nationals-only"], areas=["XA"])
svc("iosm-xa-cash", "iosm-xa", "Emergency cash grants",
    "One-off cash grants for urgent needs for victims assisted by IOSM.", ["livelihood.cash"],
    cond=["referral-required"], areas=["XA"], cap=("place", 0, 40))
svc("iosm-xa-health", "iosm-xa", "Medical assistance fund for migrant victims",
    "Pays for medical and dental treatment that the public system does not cover for foreign "
    "victims.", ["health"], cond=["foreign-nationals-only", "referral-required"], areas=["XA"])

# --- Red Cross ---------------------------------------------------------------------------
org("crxa", "Societatea Națională de Cruce Roșie din Arvelia",
    "The national Red Cross society: restoring family links, emergency relief and first aid.",
    "XA0101", "crucerosie.example.org", alt="Arvelian Red Cross", legal="Auxiliary to public authorities",
    year=1876, langs=["ro", "en", "ru", "ar"])
program("crxa-rfl", "crxa", "Restoring Family Links", "Tracing and messaging for separated families.")
svc("crxa-rfl", "crxa", "Restoring Family Links — tracing service",
    "Searches for missing relatives in Arvelia and abroad through the Red Cross network, with "
    "the person's consent and a safety check.", ["family-tracing"], areas=["XA"], prog="crxa-rfl")
for r, (city, d) in REGION_CITY.items():
    lk = "crxa:main" if r == "XA01" else loc("crxa:" + r, "crxa", d, "Red Cross branch " + city)
    svc("crxa-relief-" + r, "crxa", "Emergency relief — " + RN[r] + " branch",
        "Food parcels, clothes, hygiene kits and baby supplies for people in acute need.",
        ["basic-needs"], [lk], areas=[r],
        hours=[("MO,WE,FR", "10:00", "16:00")] if r == "XA04" else OFFICE,
        assured="stale" if r == "XA04" else "auto")

# --- Municipal social services -----------------------------------------------------------
MUNI = {"XA01": ("muni-valdora", "Primăria Valdora — Direcția de Asistență Socială", "Valdora City Hall — Social Services"),
        "XA02": ("muni-portavia", "Primăria Portavia — Serviciul Social", "Portavia City Hall — Social Services"),
        "XA03": ("muni-brancovia", "Primăria Brâncovia — Serviciul Social", "Brâncovia City Hall — Social Services"),
        "XA04": ("muni-hartop", "Primăria Hârtop — Serviciul Social", "Hârtop Town Hall — Social Services")}
for r, (mk, mn, ma) in MUNI.items():
    city, d = REGION_CITY[r]
    org(mk, mn, "Municipal social services of " + city + ": night shelter, social canteen and "
        "emergency support for residents and homeless people.", d, mk + ".example.org",
        kind="gov", alt=ma, legal="Local government", year=1991)
    ln = loc(mk + ":night", mk, d, "Night shelter " + city)
    if r == "XA04":
        svc(mk + "-night", mk, "Adăpostul de noapte Hârtop",
            "Former municipal night shelter. Closed permanently in 2024 and the building sold.",
            ["shelter", "shelter.emergency"], [ln], alt="Hârtop night shelter",
            minage=18, status="defunct", hours=None, areas=["XA04"], assured="stale",
            alert="Closed permanently in March 2024. Do not refer.")
    else:
        svc(mk + "-night", mk, "Night shelter — " + city,
            "Beds for the night for homeless adults, with a shower and an evening meal. Open "
            "from 19:00 to 08:00; no referral needed.", ["shelter", "shelter.emergency", "basic-needs"],
            [ln], minage=18, areas=[r],
            hours=[("MO,TU,WE,TH,FR,SA,SU", "00:00", "08:00"), ("MO,TU,WE,TH,FR,SA,SU", "19:00", "23:59")],
            cap=("bed", {"XA01": 6, "XA02": 0, "XA03": 2}[r], {"XA01": 60, "XA02": 30, "XA03": 20}[r]))
    svc(mk + "-canteen", mk, "Social canteen — " + city,
        "A free hot lunch every day for people in need.", ["basic-needs"], areas=[r],
        hours=[("MO,TU,WE,TH,FR,SA,SU", "12:00", "14:30")])
    if r in ("XA01", "XA04"):
        svc(mk + "-aid", mk, "Emergency social aid — " + city,
            "One-off emergency payments and help with rent arrears for residents.",
            ["livelihood.cash"], areas=[r], cond=["requires-legal-residence"],
            docs=["Proof of residence in " + city])

# --- NGOs: shelters and support --------------------------------------------------------
org("speranta", "Fundația Speranța",
    "A women's rights foundation running a confidential shelter and support services for women "
    "survivors of trafficking and violence.", "XA0101", "speranta.example.org",
    alt="Hope Foundation", legal="Non-governmental organization", year=1997,
    tax_status="Public benefit status", ident=("XA-RNO", "NGO registry number", "RNO-1997-0033"),
    contact=("Elena Vulpe", "Executive director", "Management"),
    funding="Ministry of Labour grant and private donations", langs=["ro", "en", "ru"])
program("speranta-safe", "speranta", "Safe Homes Programme",
        "Confidential shelter and recovery programme for women survivors.")
loc("speranta:shelter", "speranta", "XA0101", "Casa Speranța (confidential shelter)",
    street="Strada Morii 31", confidential=True,
    desc="Confidential address: never give it to a caller; use the shelter's phone.")
svc("speranta-shelter", "speranta", "Casa Speranța — confidential shelter for women",
    "Confidential shelter for women survivors of trafficking and their children, with 24-hour "
    "staff, a psychologist and a lawyer. Admission by phone after a short risk check; the "
    "address is given only on admission.",
    ["shelter", "shelter.emergency", "shelter.long-term"], ["speranta:shelter"],
    alt="Hope House", sex=["female"], minage=18, cond=["accepts-dependents"], hours="24/7",
    areas=["XA01", "XA02"], cap=("bed", 2, 14), prog="speranta-safe",
    phone_desc="Front door: call this number, never go to the address unannounced",
    sal_desc={"speranta:shelter": "Address confidential; admission through the shelter's phone."})
svc("speranta-line", "speranta", "Women's support line",
    "Telephone support for women in exploitative or violent situations: safety planning, "
    "information and referral.", ["hotline", "psychosocial"],
    [vloc("speranta:line", "speranta", "XA", "Women's support line (telephone)", "https://speranta.example.org/line")],
    sex=["female"], hours=[("MO,TU,WE,TH,FR", "08:00", "22:00"), ("SA,SU", "10:00", "18:00")],
    areas=["XA"], prog="speranta-safe")
svc("speranta-counselling", "speranta", "Counselling and support groups",
    "Individual counselling and weekly support groups for women survivors, in the day centre.",
    ["psychosocial"], sex=["female"], minage=18, hours=OFFICE_SAT, areas=["XA01"],
    prog="speranta-safe")
svc("speranta-jobs", "speranta", "Job skills and employment for women",
    "Vocational courses (hairdressing, cooking, IT basics), job coaching and placement with "
    "partner employers, for women aged 18 and over.",
    ["livelihood", "livelihood.vocational", "livelihood.employment"], sex=["female"], minage=18,
    areas=["XA01"], cap=("place", 0, 12), prog="speranta-safe")

org("prorefugiu", "Asociația Pro Refugiu",
    "An NGO running the capital region's shelter for adult men survivors of trafficking.",
    "XA0102", "prorefugiu.example.org", alt="Pro Refuge Association",
    legal="Non-governmental organization", year=2014,
    ident=("XA-RNO", "NGO registry number", "RNO-2014-2210"), langs=["ro", "en", "ru", "uk"])
loc("prorefugiu:shelter", "prorefugiu", "XA0102", "Casa Bărbaților (men's shelter)")
svc("prorefugiu-shelter", "prorefugiu", "Casa Bărbaților — shelter for men",
    "Shelter for adult men survivors of trafficking, mostly from labour exploitation, with "
    "case management and help to recover wages and documents.",
    ["shelter", "shelter.emergency", "shelter.long-term"], ["prorefugiu:shelter"],
    alt="Men's House", sex=["male"], minage=18, hours="24/7", areas=["XA01"],
    cap=("bed", 2, 10))
svc("prorefugiu-day", "prorefugiu", "Day centre for men",
    "Showers, laundry, meals, clothes and counselling for men leaving exploitation.",
    ["basic-needs", "psychosocial"], sex=["male"], minage=18, hours=OFFICE_SAT, areas=["XA01"])
svc("prorefugiu-transport", "prorefugiu", "Escort to the shelter",
    "A staff member collects men from a police station, hospital or the street and brings them "
    "to the shelter.", ["transport"], sex=["male"], minage=18, hours="24/7", areas=["XA01"])

org("lumina", "Asociația Lumina",
    "An NGO caring for girls who survived trafficking and sexual exploitation.", "XA0103",
    "lumina.example.org", alt="Lumina Association", legal="Non-governmental organization",
    year=2005, ident=("XA-RNO", "NGO registry number", "RNO-2005-0771"), langs=["ro", "en"])
loc("lumina:house", "lumina", "XA0103", "Casa Fetelor «Lumina»")
svc("lumina-house", "lumina", "Casa Fetelor «Lumina» — shelter for girls",
    "Residential care for girls aged 12 to 17 who survived trafficking, including "
    "unaccompanied girls, with a guardian, school and therapy.",
    ["shelter", "shelter.children", "shelter.long-term"], ["lumina:house"],
    alt="Lumina Girls' House", sex=["female"], minage=12, maxage=17,
    cond=["accepts-unaccompanied-children", "referral-required"], hours="24/7",
    areas=["XA"], cap=("bed", 1, 8))
svc("lumina-school", "lumina", "Catch-up education for girls",
    "Small classes that prepare girls to return to school, with tutors and a school mediator.",
    ["education"], sex=["female"], minage=10, maxage=17, hours=[("MO,TU,WE,TH,FR", "14:00", "18:00")],
    areas=["XA01"])
svc("lumina-therapy", "lumina", "Therapy for girls",
    "Art and play therapy and trauma-focused counselling for girls.", ["psychosocial", "health.mental"],
    sex=["female"], maxage=17, areas=["XA01"], cond=["referral-required"])

org("tinerii", "Fundația Tinerii Înainte",
    "A foundation supporting young people leaving care or exploitation on the way to "
    "independence.", "XA0101", "tinerii.example.org", alt="Youth Forward Foundation",
    legal="Non-governmental organization", year=2012, langs=["ro", "en"])
loc("tinerii:house", "tinerii", "XA0101", "Youth transition house")
svc("tinerii-house", "tinerii", "Youth transition house (approx. 15–20)",
    "Supported housing for young people of about 15 to 20 years who survived trafficking or "
    "left care, with a key worker and help with school, work and money.",
    ["shelter", "shelter.long-term"], ["tinerii:house"], minage=15, maxage=20,
    cond=["referral-required"], hours="24/7", areas=["XA01"], cap=("bed", 1, 10),
    elig="Young people of approximately 15 to 20 years of age, any sex.")
svc("tinerii-vocational", "tinerii", "Apprenticeships for young people (15–20)",
    "Paid apprenticeships with partner workshops and employers, with a mentor.",
    ["livelihood.vocational", "livelihood.employment"], minage=15, maxage=20, areas=["XA01"],
    cap=("place", 3, 15))
svc("tinerii-mentoring", "tinerii", "Mentoring for young people (15–20)",
    "A trained volunteer mentor meets the young person weekly for a year.", ["psychosocial"],
    minage=15, maxage=20, areas=["XA01"], hours=None)

org("alternativa", "Centrul Alternativa",
    "A Portavia NGO working with girls and young women at risk of sexual exploitation.",
    "XA0201", "alternativa.example.org", alt="Alternativa Centre",
    legal="Non-governmental organization", year=2003, langs=["ro", "en"])
svc("alternativa-girls", "alternativa", "Girls' support programme (girls 18 and under)",
    "Counselling, school support and safe spaces for girls aged 18 and under who are at risk or "
    "have left sexual exploitation.", ["psychosocial", "education"], sex=["female"], maxage=18,
    areas=["XA02"], hours=[("MO,TU,WE,TH,FR", "12:00", "19:00")],
    elig="Girls 18 and under.")
svc("alternativa-women", "alternativa", "Drop-in centre for young women (18+)",
    "A drop-in centre with meals, showers, clothes and counselling for women aged 18 and over.",
    ["basic-needs", "psychosocial"], sex=["female"], minage=18, areas=["XA02"], hours=OFFICE_SAT)
svc("alternativa-outreach", "alternativa", "Street and online outreach",
    "Outreach workers contact girls and young women in bars, on the street and online and "
    "screen for trafficking.", ["identification"], sex=["female"], expl=["sexual"],
    areas=["XA02"], hours=[("TU,TH", "18:00", "23:00")], assured="stale")

org("sfmaria", "Congregația Surorilor Milostive",
    "A religious congregation running a closed residential home for women.", "XA0202",
    "surorile-milostive.example.org", alt="Congregation of the Sisters of Mercy",
    legal="Faith-based organization", year=1931, langs=["ro"])
loc("sfmaria:home", "sfmaria", "XA0202", "Casa Protejată Sf. Maria")
svc("sfmaria-home", "sfmaria", "Casa Protejată Sf. Maria",
    "Residential home for women survivors of sexual exploitation. Residents may leave the "
    "building only accompanied by staff and have restricted phone use during the first three "
    "months.", ["shelter", "shelter.long-term"], ["sfmaria:home"],
    alt="St Mary's Protected House", sex=["female"], minage=18,
    cond=["closed-facility", "referral-required"], hours="24/7", areas=["XA"],
    cap=("bed", 6, 20), assured="stale",
    elig="Women 18 and over, without children.")
svc("sfmaria-workshop", "sfmaria", "Sewing workshop",
    "Sewing and tailoring training for residents and former residents.",
    ["livelihood.vocational"], sex=["female"], minage=18, hours=[("MO,TU,WE,TH,FR", "09:00", "13:00")],
    assured="none")

org("ancora", "Asociația Ancora",
    "A welfare association for seafarers and fishers in the port region.", "XA0201",
    "ancora.example.org", alt="Anchor Association", legal="Non-governmental organization",
    year=2002, ident=("XA-RNO", "NGO registry number", "RNO-2002-0318"),
    langs=["ro", "en", "km", "tl", "vi"])
loc("ancora:shelter", "ancora", "XA0201", "Adăpostul Ancora (men's shelter)")
svc("ancora-shelter", "ancora", "Adăpostul Ancora — shelter for men",
    "Shelter for adult men rescued from fishing boats, farms and building sites, with "
    "Khmer- and Tagalog-speaking staff.", ["shelter", "shelter.emergency"], ["ancora:shelter"],
    alt="Anchor men's shelter", sex=["male"], minage=18, hours="24/7", areas=["XA02"],
    cap=("bed", 4, 16))
svc("ancora-welfare", "ancora", "Seafarers' and fishers' welfare centre",
    "Wi-fi, phone calls home, meals, clothes and a quiet place for crews in port.",
    ["basic-needs", "psychosocial"], areas=["XA02"],
    hours=[("MO,TU,WE,TH,FR,SA,SU", "10:00", "22:00")])
svc("ancora-rights", "ancora", "Fishers' rights advice",
    "Advice on contracts, wages and passports held by boat owners, with a lawyer on Fridays.",
    ["legal.aid"], expl=["labour"], areas=["XA02"], hours=[("FR", "10:00", "16:00")])
svc("ancora-interp", "ancora", "Khmer, Tagalog and Vietnamese interpretation",
    "Staff interpret for fishers at the police, the hospital and the labour inspectorate.",
    ["interpretation"], areas=["XA02"], langs=["km", "tl", "vi", "en"])

org("diaconia", "Diaconia Răsăritului",
    "A church-based social service organization in the east of Arvelia.", "XA0301",
    "diaconia.example.org", alt="Diakonia of the East", legal="Faith-based organization",
    year=1993, ident=("XA-RNO", "NGO registry number", "RNO-1993-0012"), langs=["ro", "ru"])
loc("diaconia:men", "diaconia", "XA0301", "Adăpostul Sf. Nicolae")
loc("diaconia:women", "diaconia", "XA0302", "Casa Maicii Domnului (women and children)")
svc("diaconia-men", "diaconia", "Adăpostul Sf. Nicolae — shelter for men",
    "Shelter for adult men survivors of trafficking and homeless men in the Câmpia Răsăritului "
    "region; residents may come and go freely.", ["shelter", "shelter.emergency", "shelter.long-term"],
    ["diaconia:men"], alt="St Nicholas Shelter", sex=["male"], minage=18, hours="24/7",
    areas=["XA03"], cap=("bed", 3, 12))
svc("diaconia-women", "diaconia", "Shelter for women and children",
    "Shelter for women survivors of trafficking or violence and their children.",
    ["shelter", "shelter.long-term"], ["diaconia:women"], sex=["female"], minage=18,
    cond=["accepts-dependents"], hours="24/7", areas=["XA03"], cap=("bed", 0, 14))
svc("diaconia-kitchen", "diaconia", "Soup kitchen",
    "A hot meal every weekday and food parcels on Saturdays.", ["basic-needs"],
    hours=[("MO,TU,WE,TH,FR", "12:00", "14:00"), ("SA", "10:00", "12:00")], areas=["XA03"])

org("izvorul", "Fundația Izvorul",
    "The only NGO shelter in the mountain region of Țara de Sus, for women and children.",
    "XA0401", "izvorul.example.org", alt="The Spring Foundation",
    legal="Non-governmental organization", year=2008, langs=["ro"])
loc("izvorul:shelter", "izvorul", "XA0401", "Casa Izvorul")
svc("izvorul-shelter", "izvorul", "Casa Izvorul — shelter for women and children",
    "Six-bed shelter for women survivors of trafficking and violence and their children.",
    ["shelter", "shelter.emergency", "shelter.long-term"], ["izvorul:shelter"],
    sex=["female"], minage=18, cond=["accepts-dependents"], hours="24/7", areas=["XA04"],
    cap=("bed", 0, 6), assured="stale")
svc("izvorul-counselling", "izvorul", "Counselling for women",
    "Counselling and accompaniment to the police, hospital and court.", ["psychosocial"],
    sex=["female"], areas=["XA04"], hours=[("MO,TU,WE,TH", "09:00", "16:00")])

org("aftss", "Asociația Femeilor din Țara de Sus",
    "A rural women's association in the mountain villages.", "XA0402",
    "femei-tarasus.example.org", alt="Women's Association of Țara de Sus",
    legal="Community association", year=2015, langs=["ro"])
svc("aftss-grants", "aftss", "Micro-grants for women",
    "Small grants and mentoring for women starting a farm or craft business.",
    ["livelihood", "livelihood.cash"], sex=["female"], minage=18, areas=["XA04"],
    hours=None, assured="stale")
svc("aftss-groups", "aftss", "Village women's groups",
    "Monthly groups on safe migration, rights and recruitment scams.", ["psychosocial"],
    sex=["female"], areas=["XA04"], hours=None, assured="stale")

org("daralaman", "دار الأمان",
    "A centre for Arabic- and French-speaking migrant women in the port city, with a small "
    "safe house.", "XA0201", "daralaman.example.org",
    alt="Dar al-Aman Centre for Migrant Women", legal="Non-governmental organization",
    year=2016, ident=("XA-RNO", "NGO registry number", "RNO-2016-1802"), langs=["ar", "fr", "en", "ro"])
loc("daralaman:house", "daralaman", "XA0201", "دار الأمان — safe house", alt="Dar al-Aman safe house")
svc("daralaman-house", "daralaman", "دار الأمان — safe house for migrant women",
    "A small safe house for migrant women and their children who escaped domestic servitude or "
    "sexual exploitation.", ["shelter", "shelter.emergency"], ["daralaman:house"],
    alt="Dar al-Aman safe house", sex=["female", "other"], minage=18,
    cond=["accepts-dependents", "foreign-nationals-only"], hours="24/7", areas=["XA02"],
    cap=("bed", 1, 6))
svc("daralaman-support", "daralaman", "Psychosocial support for migrant women",
    "Counselling and women's groups in Arabic and French.", ["psychosocial"],
    sex=["female", "other"], areas=["XA02"], hours=OFFICE_SAT)
svc("daralaman-interp", "daralaman", "Arabic and French interpreting",
    "Women interpreters for medical, police and legal appointments.", ["interpretation"],
    areas=["XA02", "XA01"], langs=["ar", "fr"])
svc("daralaman-needs", "daralaman", "Women's material aid",
    "Clothes, hygiene kits and baby supplies.", ["basic-needs"], sex=["female", "other"],
    areas=["XA02"], hours=[("WE", "10:00", "14:00")])

org("mnl", "มูลนิธิเพื่อนแรงงาน",
    "A foundation supporting Thai and Cambodian agricultural workers in eastern Arvelia.",
    "XA0302", "friendsofworkers.example.org", alt="Friends of Workers Foundation",
    legal="Non-governmental organization", year=2019, langs=["th", "km", "en"])
svc("mnl-line", "mnl", "สายด่วนแรงงานไทยและกัมพูชา",
    "A helpline in Thai and Khmer for farm workers: wages, passports, threats and health.",
    ["hotline"], [vloc("mnl:line", "mnl", "XA", "Thai and Khmer helpline (telephone)",
                       "https://friendsofworkers.example.org/line")],
    alt="Thai and Khmer workers' helpline", expl=["labour"], areas=["XA"],
    hours=[("MO,TU,WE,TH,FR,SA", "17:00", "22:00"), ("SU", "10:00", "20:00")],
    langs=["th", "km"])
svc("mnl-outreach", "mnl", "Outreach to farm workers",
    "Outreach workers visit greenhouses and packing houses and screen workers for forced labour.",
    ["identification"], expl=["labour"], areas=["XA03"], hours=None, langs=["th", "km", "en"])
svc("mnl-interp", "mnl", "Thai and Khmer interpreting",
    "Interpreters for police interviews, labour inspections and medical visits.",
    ["interpretation"], areas=["XA03", "XA02"], langs=["th", "km"])

org("htt", "Hội Tương Trợ Người Việt tại Arvelia",
    "A Vietnamese mutual aid association.", "XA0101", "hoituongtro.example.org",
    alt="Vietnamese Mutual Aid Association in Arvelia", legal="Community association",
    year=2013, langs=["vi", "ro"])
svc("htt-interp", "htt", "Vietnamese interpreting and accompaniment",
    "Volunteer interpreters accompany Vietnamese victims to the police, court and hospital.",
    ["interpretation"], areas=["XA"], hours=None, langs=["vi"])
svc("htt-peer", "htt", "Peer support for Vietnamese workers",
    "Peer support and a safe meeting place for people leaving nail bars, cannabis farms and "
    "factories.", ["psychosocial"], expl=["labour", "forced-criminality"], areas=["XA01"],
    hours=[("SU", "10:00", "16:00")], langs=["vi"])

org("kasambahay", "Kapisanan ng mga Kasambahay sa Arvelia",
    "An association of Filipino domestic workers.", "XA0101", "kasambahay.example.org",
    alt="Association of Domestic Workers in Arvelia", legal="Community association",
    year=2018, langs=["tl", "en"])
svc("kasambahay-help", "kasambahay", "Domestic workers' helpdesk",
    "Advice and peer support for domestic workers whose passports are withheld or who are not "
    "allowed to leave the house.", ["psychosocial", "legal"], expl=["domestic-servitude", "labour"],
    areas=["XA01"], hours=[("SU", "11:00", "17:00")], langs=["tl", "en"])
svc("kasambahay-shelter-referral", "kasambahay", "Emergency accommodation with host families",
    "Host families offer a bed for a few nights to domestic workers who run away, until a "
    "shelter place is found.", ["shelter.emergency"], sex=["female"], minage=18,
    expl=["domestic-servitude"], areas=["XA01"], hours=None, status="inactive",
    alert="Suspended in 2025 for lack of host families.", assured="stale")

org("romanodrom", "Centrul pentru Drepturile Romilor «Romano Drom»",
    "A Roma rights centre working with children and families exposed to forced begging and "
    "forced criminality.", "XA0104", "romanodrom.example.org", alt="Romano Drom Roma Rights Centre",
    legal="Non-governmental organization", year=2006, langs=["ro", "rmy"])
svc("romanodrom-outreach", "romanodrom", "Outreach to children in street situations",
    "Roma mediators find children begging or stealing for others and bring in child protection.",
    ["identification", "child-protection"], maxage=17, expl=["begging", "forced-criminality"],
    areas=["XA01"], hours=[("MO,TU,WE,TH,FR", "10:00", "18:00")])
svc("romanodrom-school", "romanodrom", "School mediation",
    "Mediators help children return to school and support their families.", ["education"],
    maxage=17, areas=["XA01"])
svc("romanodrom-family", "romanodrom", "Family support",
    "Social workers help families with documents, benefits and housing.", ["psychosocial", "basic-needs"],
    areas=["XA01"], assured="stale")

org("punte", "Asociația Punte",
    "An NGO supporting Arvelian nationals who return from exploitation abroad, and local "
    "workers at risk.", "XA0301", "punte.example.org", alt="Bridge Association",
    legal="Non-governmental organization", year=2001,
    ident=("XA-RNO", "NGO registry number", "RNO-2001-0140"), langs=["ro", "en"])
svc("punte-reintegration", "punte", "Reintegration for Arvelian returnees",
    "Case management for Arvelian nationals returning from trafficking abroad: housing, "
    "documents, health and work, for up to 18 months.", ["reintegration"],
    cond=["nationals-only"], areas=["XA"])
svc("punte-counselling", "punte", "Psychological counselling",
    "Individual counselling with a psychologist.", ["psychosocial"], areas=["XA03"])
svc("punte-vocational", "punte", "Vocational training",
    "Courses in welding, cooking and caregiving, with a stipend.", ["livelihood.vocational"],
    minage=18, areas=["XA03"], cap=("place", 0, 10))
svc("punte-jobs", "punte", "Job placement with partner employers",
    "Job matching with employers who agreed to fair recruitment rules.",
    ["livelihood.employment"], minage=18, areas=["XA03"])
svc("punte-pasaj", "punte", "Proiectul «Pasaj» — outreach to domestic workers",
    "Outreach to domestic workers in private homes. The project ended when its funding ran out.",
    ["identification"], expl=["domestic-servitude"], areas=["XA03"], hours=None,
    status="inactive", alert="Project ended in June 2025 when its grant ended.", assured="stale")

org("casadeschisa", "Fundația Casa Deschisă",
    "A foundation running a day centre and a mixed emergency shelter in Brâncovia.",
    "XA0301", "casadeschisa.example.org", alt="Open House Foundation",
    legal="Non-governmental organization", year=2010, langs=["ro", "ru"])
svc("casadeschisa-day", "casadeschisa", "Day centre",
    "Meals, showers, laundry and a social worker for anyone in need.", ["basic-needs", "psychosocial"],
    areas=["XA03"], hours=OFFICE_SAT)
svc("casadeschisa-emergency", "casadeschisa", "Emergency shelter for adults",
    "Emergency beds for adults of any sex for up to 14 nights, with separate rooms for women.",
    ["shelter", "shelter.emergency"], minage=18, hours="24/7", areas=["XA03"], cap=("bed", 0, 8))
svc("casadeschisa-reintegration", "casadeschisa", "Reintegration support in the community",
    "Help with housing, documents and benefits after a shelter stay.", ["reintegration"],
    areas=["XA03"])

org("doua-sanse", "Școala A Doua Șansă",
    "A second-chance school for young people and adults who left school early.", "XA0101",
    "douasanse.example.org", kind="gov", alt="Second Chance School", legal="Public school",
    year=2005, langs=["ro"])
loc("doua-sanse:portavia", "doua-sanse", "XA0201", "Second Chance School — Portavia classes")
svc("doua-sanse-valdora", "doua-sanse", "Second-chance education — Valdora",
    "Primary and lower-secondary classes in the evening and on Saturdays, for people aged 14 "
    "and over.", ["education"], minage=14,
    hours=[("MO,TU,WE,TH", "16:00", "20:00"), ("SA", "09:00", "13:00")], areas=["XA01"])
svc("doua-sanse-portavia", "doua-sanse", "Second-chance education — Portavia",
    "Evening classes in the Portavia technical high school.", ["education"],
    ["doua-sanse:portavia"], minage=14, hours=[("MO,WE", "16:00", "20:00")], areas=["XA02"])

org("foodbank", "Banca de Alimente Valdora",
    "A food bank distributing food to families and partner shelters.", "XA0102",
    "bancadealimente.example.org", alt="Valdora Food Bank", legal="Non-governmental organization",
    year=2016, langs=["ro"])
svc("foodbank-parcels", "foodbank", "Food parcels",
    "Weekly food parcels for people referred by a social worker or NGO.", ["basic-needs"],
    cond=["referral-required"], hours=[("TU,TH", "10:00", "16:00"), ("SA", "09:00", "12:00")],
    areas=["XA01"])
svc("foodbank-shelters", "foodbank", "Food supply to shelters",
    "Regular food deliveries to shelters across Arvelia.", ["basic-needs"], areas=["XA"], hours=None)

org("emancipare", "Asociația Emancipare",
    "An NGO supporting people who want to leave prostitution and sexual exploitation.",
    "XA0101", "emancipare.example.org", alt="Emancipation Association",
    legal="Non-governmental organization", year=2000, langs=["ro", "en", "ru", "bg"])
svc("emancipare-exit", "emancipare", "Exit programme from sexual exploitation",
    "A 12-month programme with housing support, counselling, training and a small stipend, for "
    "women and trans people leaving sexual exploitation.", ["psychosocial", "livelihood"],
    sex=["female", "other"], minage=18, expl=["sexual"], areas=["XA01"], cap=("place", 2, 20))
svc("emancipare-dropin", "emancipare", "Drop-in centre",
    "A safe place for a coffee, a shower, condoms and a chat with a social worker.",
    ["basic-needs", "psychosocial"], sex=["female", "other"], expl=["sexual"],
    hours=[("MO,TU,WE,TH,FR", "14:00", "21:00")], areas=["XA01"])
svc("emancipare-outreach", "emancipare", "Night outreach",
    "Outreach workers visit street and indoor sex work sites and screen for trafficking.",
    ["identification"], expl=["sexual"], hours=[("TU,TH,SA", "20:00", "23:59")], areas=["XA01"])

org("curcubeu", "Asociația Curcubeu",
    "An LGBTI+ organization supporting survivors of violence and exploitation.", "XA0101",
    "curcubeu.example.org", alt="Rainbow Association", legal="Non-governmental organization",
    year=2011, langs=["ro", "en"])
svc("curcubeu-house", "curcubeu", "Safe house for trans and non-binary survivors",
    "A small safe house for trans women and non-binary survivors of trafficking and violence.",
    ["shelter", "shelter.emergency"], sex=["female", "other"], minage=18, hours="24/7",
    areas=["XA01"], cap=("bed", 1, 4), cond=["referral-required"])
svc("curcubeu-support", "curcubeu", "Psychosocial support for LGBTI+ survivors",
    "Counselling and peer groups, open to people of any sex.", ["psychosocial"],
    sex=["female", "male", "other"], hours=[("WE", "17:00", "20:00"), ("SA", "12:00", "16:00")],
    areas=["XA"])

org("sprijin", "Linia de Sprijin Emoțional",
    "A volunteer emotional support line.", "XA0101", "sprijin.example.org",
    alt="Emotional Support Line", legal="Non-governmental organization", year=2008, langs=["ro", "en"])
svc("sprijin-line", "sprijin", "Emotional support line",
    "Listening and crisis support by phone, at any hour; volunteers refer callers in danger.",
    ["hotline", "health.mental"], [vloc("sprijin:line", "sprijin", "XA", "Emotional support line (telephone)",
                                        "https://sprijin.example.org")],
    hours="24/7", areas=["XA"])

org("drumsigur", "Asociația Drum Sigur",
    "A volunteer drivers' network that transports survivors safely, including to remote areas.",
    "XA0102", "drumsigur.example.org", alt="Safe Road Association",
    legal="Non-governmental organization", year=2017, langs=["ro"])
svc("drumsigur-escort", "drumsigur", "Safe transport to shelters and appointments",
    "Volunteer drivers, women drivers on request, take survivors to shelters, hospitals and "
    "courts, including in Țara de Sus.", ["transport"], areas=["XA"], cond=["referral-required"],
    hours=[("MO,TU,WE,TH,FR,SA,SU", "07:00", "21:00")])

org("sindicat", "Uniunea Sindicatelor — Biroul pentru Lucrători Migranți",
    "The trade union confederation's desk for migrant and posted workers.", "XA0101",
    "sindicate.example.org", alt="Union Confederation — Migrant Workers' Desk",
    legal="Trade union", year=1990, langs=["ro", "en", "ru", "uk"])
loc("sindicat:portavia", "sindicat", "XA0201", "Union house Portavia")
svc("sindicat-desk", "sindicat", "Migrant workers' rights desk",
    "Advice on wages, contracts and recruitment fees; union lawyers take cases to the labour "
    "court.", ["legal.aid", "legal.compensation"], ["sindicat:main", "sindicat:portavia"],
    expl=["labour"], areas=["XA"],
    hours={"sindicat:main": [("MO,TU,WE,TH,FR", "10:00", "18:00")],
           "sindicat:portavia": [("WE", "12:00", "18:00"), ("SA", "10:00", "14:00")]})
svc("sindicat-jobs", "sindicat", "Fair recruitment job board",
    "Job offers from employers checked by the union.", ["livelihood.employment"], areas=["XA"],
    hours=None, cond=["requires-legal-residence"])

org("pentrucopii", "Fundația Pentru Copii",
    "A children's rights foundation working with children on the move and child victims.",
    "XA0101", "pentrucopii.example.org", alt="For Children Foundation",
    legal="Non-governmental organization", year=1995,
    ident=("XA-RNO", "NGO registry number", "RNO-1995-0009"), langs=["ro", "en", "uk", "ar"])
loc("pentrucopii:portavia", "pentrucopii", "XA0201", "For Children Foundation — Portavia child-friendly space")
svc("pentrucopii-move", "pentrucopii", "Children on the move programme",
    "Outreach and case work for unaccompanied and separated foreign children, with referral to "
    "guardianship.", ["child-protection", "identification"], maxage=17, areas=["XA01", "XA02"],
    cond=["foreign-nationals-only"])
svc("pentrucopii-space", "pentrucopii", "Child-friendly space — Portavia",
    "A safe space with play, classes and counselling for migrant children.",
    ["psychosocial", "education"], ["pentrucopii:portavia"], maxage=17, areas=["XA02"],
    hours=OFFICE_SAT)
svc("pentrucopii-tracing", "pentrucopii", "Family tracing for separated children",
    "Traces parents and relatives with the Red Cross, after a best-interests assessment.",
    ["family-tracing"], maxage=17, cond=["referral-required"], areas=["XA"])
svc("pentrucopii-therapy", "pentrucopii", "Trauma counselling for children",
    "Counselling for child victims of abuse and exploitation.", ["psychosocial"], maxage=17,
    areas=["XA01"])

org("sprijin-rural", "Asociația Sprijin Rural",
    "A rural development NGO in the Corbeni area.", "XA0203", "sprijinrural.example.org",
    alt="Rural Support Association", legal="Non-governmental organization", year=2004, langs=["ro"])
svc("sprijin-rural-outreach", "sprijin-rural", "Outreach to seasonal farm workers",
    "Visits to farms and workers' housing during the harvest season, with screening for forced "
    "labour.", ["identification"], expl=["labour"], areas=["XA02"], hours=None, assured="stale")
svc("sprijin-rural-aid", "sprijin-rural", "Material aid for farm workers",
    "Food, clothes and hygiene items for seasonal workers.", ["basic-needs"], areas=["XA0203"],
    assured="none")

org("ostrovita", "Centrul Comunitar Ostrovița",
    "A community centre in the border district of Ostrovița.", "XA0304",
    "cc-ostrovita.example.org", alt="Ostrovița Community Centre", legal="Community association",
    year=2012, langs=["ro", "ru"])
svc("ostrovita-aid", "ostrovita", "Community aid point",
    "Food, clothes and phone charging for travellers and residents in need.", ["basic-needs"],
    areas=["XA0304"], hours=[("MO,WE,FR", "10:00", "16:00")])
svc("ostrovita-info", "ostrovita", "Safe migration information",
    "Information sessions on recruitment scams and workers' rights for young people.",
    ["education"], minage=14, areas=["XA03"], hours=None)

org("ombudsman", "Avocatul Poporului",
    "The national ombudsman, who investigates complaints about public authorities.",
    "XA0101", "avp.example.org", kind="gov", alt="People's Advocate (Ombudsman)",
    legal="Independent public authority", year=1997, langs=["ro", "en"])
svc("ombudsman-complaints", "ombudsman", "Complaints about public authorities",
    "Investigates complaints about police, shelters, immigration and social services, including "
    "conditions in closed facilities.", ["legal"], areas=["XA"],
    hours=[("MO,TU,WE,TH,FR", "08:30", "16:30")])

org("pasi", "Fundația Pași Siguri",
    "A foundation informing people about safe migration and recruitment scams.", "XA0101",
    "pasisiguri.example.org", alt="Safe Steps Foundation", legal="Non-governmental organization",
    year=2014, langs=["ro", "en", "ru", "uk"])
svc("pasi-online", "pasi", "Job offer check service",
    "Send a job advertisement or contract online and get an answer within 48 hours on whether "
    "it looks like a trafficking or recruitment scam.", ["hotline"],
    [vloc("pasi:web", "pasi", "XA", "Safe Steps online service", "https://pasisiguri.example.org/check")],
    areas=["XA", "XB"], hours=None, phone=False, url=True, langs=["ro", "en", "ru", "uk"])

# --- Consulates of Dravonia in Arvelia ---------------------------------------------------
org("cons-valdora", "Consulatul General al Republicii Dravonia la Valdora",
    "The consulate general of Dravonia in the capital of Arvelia.", "XA0101",
    "consulate-valdora.dravonia.example.org", kind="gov",
    alt="Генеральное консульство Республики Дравония в Валдоре", legal="Diplomatic mission",
    year=1993, street="Strada Teilor 22", langs=["ru", "ro", "en"])
svc("cons-valdora-protection", "cons-valdora", "Consular protection for Dravonian citizens",
    "Consular officers visit Dravonian citizens in shelters, hospitals and detention, inform "
    "their families with consent and follow criminal cases.", ["consular"],
    cond=["foreign-nationals-only"], areas=["XA"], elig="Citizens of Dravonia.",
    hours=[("MO,TU,WE,TH,FR", "09:00", "13:00")])
svc("cons-valdora-docs", "cons-valdora", "Emergency travel documents",
    "Issues emergency travel documents within 48 hours for citizens whose passports were taken "
    "by traffickers, free of charge for victims.", ["consular", "return"],
    cond=["foreign-nationals-only"], areas=["XA"], elig="Citizens of Dravonia.",
    hours=[("MO,TU,WE,TH,FR", "09:00", "13:00")])
svc("cons-valdora-duty", "cons-valdora", "Consular duty phone",
    "A duty officer answers emergencies involving Dravonian citizens at any hour.",
    ["consular", "hotline"], cond=["foreign-nationals-only"], hours="24/7", areas=["XA"],
    elig="Citizens of Dravonia.")
org("cons-brancovia", "Consulatul Republicii Dravonia la Brâncovia",
    "Dravonia's consulate in eastern Arvelia, near the border.", "XA0301",
    "consulate-brancovia.dravonia.example.org", kind="gov",
    alt="Консульство Республики Дравония в Бранковии", legal="Diplomatic mission", year=2002,
    parent="cons-valdora", langs=["ru", "ro"])
svc("cons-brancovia-protection", "cons-brancovia", "Consular assistance — eastern Arvelia",
    "Consular visits, documents and help with return for Dravonian citizens in the east.",
    ["consular"], cond=["foreign-nationals-only"], areas=["XA03", "XA04"],
    elig="Citizens of Dravonia.", hours=[("MO,WE,FR", "09:00", "13:00")], assured="stale")
svc("cons-brancovia-return", "cons-brancovia", "Repatriation assistance",
    "Arranges the journey home across the Vadul Nou border with the Dravonian reception centre.",
    ["return", "transport"], cond=["foreign-nationals-only"], areas=["XA03"],
    elig="Citizens of Dravonia.", hours=[("MO,WE,FR", "09:00", "13:00")])

# ===================================== DRAVONIA (XB) ===================================

org("msp-xb", "Министерство социальной политики Дравонии",
    "The ministry responsible for social protection and the reintegration of returned victims "
    "of trafficking in Dravonia.", "XB0101", "social.dravonia.example.org", kind="gov",
    alt="Ministry of Social Policy of Dravonia", legal="Government agency", year=1992,
    contact=("Олег Петров", "Head of the counter-trafficking department", "Department for Victims of Trafficking"),
    funding="State budget of Dravonia", langs=["ru", "en"])
loc("msp-xb:kalnitsa", "msp-xb", "XB0201", "Social services office Kalnitsa")
svc("msp-xb-reintegration", "msp-xb", "State reintegration programme for returned victims",
    "Case management, housing support and a reintegration plan for Dravonian citizens "
    "identified as victims of trafficking abroad.", ["reintegration"],
    cond=["nationals-only", "requires-formal-identification"], areas=["XB"],
    alt="Государственная программа реинтеграции")
svc("msp-xb-allowance", "msp-xb", "One-off assistance payment for victims",
    "A one-off payment to returned victims of trafficking who are Dravonian citizens.",
    ["livelihood.cash"], cond=["nationals-only"], areas=["XB"], assured="stale")
svc("msp-xb-kalnitsa", "msp-xb", "Social services — Kalnitsa",
    "Social aid, food vouchers and help with documents for residents and returnees.",
    ["basic-needs", "reintegration"], ["msp-xb:kalnitsa"], areas=["XB02"])
svc("msp-xb-identification", "msp-xb", "National identification commission",
    "Decides on the formal identification of Dravonian and foreign victims, which opens access "
    "to state programmes.", ["identification"], areas=["XB"], cond=["referral-required"])

org("nadezhda", "Центр «Надежда»",
    "An NGO in Zarevsk assisting women and men who return from trafficking, from the border to "
    "a new job.", "XB0101", "nadezhda.example.org", alt="Nadezhda (Hope) Centre",
    legal="Non-governmental organization", year=2000,
    ident=("XB-NKO", "Non-commercial organization number", "NKO-2000-0561"),
    contact=("Анна Смирнова", "Director", "Management"), langs=["ru", "en", "uk"])
program("nadezhda-reint", "nadezhda", "Reintegration programme",
        "Long-term support for survivors returning to Dravonia.", alt="Программа реинтеграции")
loc("nadezhda:shelter", "nadezhda", "XB0101", "Nadezhda shelter (confidential)", confidential=True,
    desc="Confidential address; contact through the centre.")
svc("nadezhda-reintegration", "nadezhda", "Reintegration support for returnees",
    "A case manager for up to two years: housing, medical care, documents, school for "
    "children and a job.", ["reintegration"], areas=["XB"], prog="nadezhda-reint")
svc("nadezhda-shelter", "nadezhda", "Shelter for women and children",
    "A confidential shelter for women returnees and their children.",
    ["shelter", "shelter.long-term"], ["nadezhda:shelter"], sex=["female"], minage=18,
    cond=["accepts-dependents"], hours="24/7", areas=["XB"], cap=("bed", 3, 12),
    prog="nadezhda-reint", alt="Приют «Надежда»")
svc("nadezhda-psych", "nadezhda", "Psychological support",
    "Counselling and group therapy for survivors.", ["psychosocial", "health.mental"],
    areas=["XB01"], prog="nadezhda-reint")
svc("nadezhda-vocational", "nadezhda", "Vocational training and small business grants",
    "Courses and start-up grants for survivors.", ["livelihood.vocational", "livelihood.cash"],
    minage=18, areas=["XB"], prog="nadezhda-reint", cap=("place", 0, 15))
svc("nadezhda-family", "nadezhda", "Family mediation and tracing",
    "Restores contact with family members when it is safe.", ["family-tracing"], areas=["XB"])

org("most", "Фонд «Мост»",
    "A foundation running Dravonia's national counter-trafficking and safe migration hotline.",
    "XB0101", "most.example.org", alt="Most (Bridge) Foundation",
    legal="Non-governmental organization", year=2001, langs=["ru", "en", "ro"])
svc("most-hotline", "most", "National counter-trafficking hotline of Dravonia",
    "Free, confidential hotline for victims, families and people planning to work abroad; "
    "organises help for Dravonians stuck abroad with consulates and partner NGOs.",
    ["hotline"], [vloc("most:hotline", "most", "XB", "Hotline (telephone)", "https://most.example.org/hotline")],
    alt="Национальная горячая линия по противодействию торговле людьми",
    hours="24/7", areas=["XB"], langs=["ru", "en", "ro"])
svc("most-counselling", "most", "Safe migration counselling",
    "Checks job offers and recruitment agencies and explains workers' rights abroad.",
    ["hotline", "education"], areas=["XB"], hours=OFFICE_SAT)
svc("most-return", "most", "Help to return home",
    "Organises return for Dravonians stuck abroad, with the consulate and IOSM.",
    ["return"], areas=["XA", "XB"], hours=OFFICE)

org("mvd-xb", "Управление по борьбе с торговлей людьми МВД Дравонии",
    "The anti-trafficking department of Dravonia's Ministry of Interior.", "XB0101",
    "police.dravonia.example.org", kind="gov",
    alt="Anti-Trafficking Department, Ministry of Interior of Dravonia", legal="Government agency",
    year=2002, langs=["ru"])
loc("mvd-xb:kalnitsa", "mvd-xb", "XB0201", "Anti-trafficking unit Kalnitsa")
svc("mvd-xb-zarevsk", "mvd-xb", "Anti-trafficking police — Zarevsk",
    "Investigates trafficking and recruitment fraud, takes statements from returnees.",
    ["law-enforcement"], hours="24/7", areas=["XB01"])
svc("mvd-xb-kalnitsa", "mvd-xb", "Anti-trafficking police — Kalnitsa border unit",
    "Meets returnees at the border and investigates recruiters in the Kalnitsa region.",
    ["law-enforcement", "identification"], ["mvd-xb:kalnitsa"], hours="24/7", areas=["XB02"])

org("kalnitsa-rc", "Пограничный центр приёма «Калница»",
    "A state reception centre at the border for Dravonians returning from abroad.", "XB0201",
    "reception-kalnitsa.example.org", kind="gov", alt="Kalnitsa Border Reception Centre",
    legal="Government agency", year=2009, langs=["ru", "ro", "en"])
svc("kalnitsa-rc-reception", "kalnitsa-rc", "Reception of returnees at the border",
    "Meets returnees at the crossing, arranges a medical check, a phone call home and onward "
    "travel.", ["return", "transport"], hours="24/7", areas=["XB"])
svc("kalnitsa-rc-shelter", "kalnitsa-rc", "Short-stay shelter for returnees",
    "Beds for up to 7 nights for returnees of any sex, while onward help is arranged.",
    ["shelter", "shelter.emergency"], minage=18, hours="24/7", areas=["XB"], cap=("bed", 5, 20))
svc("kalnitsa-rc-needs", "kalnitsa-rc", "Clothes, food and hygiene on arrival",
    "Material aid for returnees.", ["basic-needs"], hours="24/7", areas=["XB"])
svc("kalnitsa-rc-transport", "kalnitsa-rc", "Transport home",
    "Tickets or a car to the returnee's home town or a shelter.", ["transport"], areas=["XB"])

org("hosp-zarevsk", "Городская больница № 1 Заревска",
    "The largest public hospital of Zarevsk.", "XB0101", "hospital1-zarevsk.example.org",
    kind="gov", alt="Zarevsk City Hospital No. 1", legal="Public hospital", year=1948, langs=["ru"])
svc("hosp-zarevsk-er", "hosp-zarevsk", "Emergency department",
    "Emergency medical care at any hour.", ["health.medical"], hours="24/7", areas=["XB01"])
svc("hosp-zarevsk-psych", "hosp-zarevsk", "Psychiatric outpatient department",
    "Psychiatric assessment and treatment, including for trauma.", ["health.mental"],
    cond=["referral-required"], areas=["XB01"])
svc("hosp-zarevsk-women", "hosp-zarevsk", "Women's health clinic",
    "Gynaecology, STI testing and pregnancy care.", ["health.sexual-reproductive"],
    sex=["female"], areas=["XB01"])

org("hosp-kalnitsa", "Районная больница Калницы",
    "The district hospital of Kalnitsa.", "XB0201", "hospital-kalnitsa.example.org", kind="gov",
    alt="Kalnitsa District Hospital", legal="Public hospital", year=1956, langs=["ru", "ro"])
svc("hosp-kalnitsa-er", "hosp-kalnitsa", "Emergency and general medicine",
    "Emergency care and medical checks for returnees from the border.", ["health", "health.medical"],
    hours="24/7", areas=["XB02"])
svc("hosp-kalnitsa-clinic", "hosp-kalnitsa", "Outpatient clinic",
    "General outpatient consultations and tests.", ["health.medical"], areas=["XB02"], assured="stale")

org("svetly", "Ассоциация «Светлый путь»",
    "An NGO in Kalnitsa supporting returned men and women, with the only men's shelter in "
    "Dravonia.", "XB0201", "svetlyput.example.org", alt="Bright Path Association",
    legal="Non-governmental organization", year=2007, langs=["ru", "ro"])
loc("svetly:men", "svetly", "XB0201", "Men's shelter Kalnitsa")
svc("svetly-men", "svetly", "Shelter for men returnees",
    "Shelter for adult men returning from labour exploitation.", ["shelter", "shelter.long-term"],
    ["svetly:men"], sex=["male"], minage=18, hours="24/7", areas=["XB"], cap=("bed", 2, 8))
svc("svetly-psych", "svetly", "Psychosocial support",
    "Counselling and self-help groups for returnees.", ["psychosocial"], areas=["XB02"],
    hours=OFFICE_SAT)
svc("svetly-reintegration", "svetly", "Reintegration in rural communities",
    "Help with housing, land and work in villages of the Kalnitsa region.", ["reintegration"],
    areas=["XB02"])
svc("svetly-tracing", "svetly", "Family tracing",
    "Finds relatives and prepares family reunification with the family's consent.",
    ["family-tracing"], areas=["XB02"])

org("childprot-xb", "Служба защиты детей Дравонии",
    "Dravonia's state child protection service.", "XB0101", "children.dravonia.example.org",
    kind="gov", alt="Dravonia Child Protection Service", legal="Government agency", year=1998,
    langs=["ru"])
loc("childprot-xb:centre", "childprot-xb", "XB0101", "Children's rehabilitation centre Zarevsk")
svc("childprot-xb-centre", "childprot-xb", "Children's rehabilitation centre",
    "Residential care for returned child victims and unaccompanied children while their family "
    "situation is assessed.", ["shelter", "shelter.children", "child-protection"],
    ["childprot-xb:centre"], maxage=17, cond=["accepts-unaccompanied-children"], hours="24/7",
    areas=["XB"], cap=("bed", 4, 15))
svc("childprot-xb-assessment", "childprot-xb", "Best-interests assessment for returning children",
    "Assesses the family before a child's return and appoints a guardian.",
    ["child-protection", "family-tracing"], maxage=17, areas=["XB"])
svc("childprot-xb-reintegration", "childprot-xb", "Reintegration of child victims",
    "Follow-up of returned children in school and family for two years.",
    ["reintegration", "child-protection"], maxage=17, areas=["XB"])
svc("childprot-xb-line", "childprot-xb", "Child helpline",
    "A helpline for children and adults worried about a child.", ["hotline", "child-protection"],
    [vloc("childprot-xb:line", "childprot-xb", "XB", "Child helpline (telephone)",
          "https://children.dravonia.example.org/line")], hours="24/7", areas=["XB"])

org("employ-xb", "Государственная служба занятости Дравонии",
    "The public employment service of Dravonia.", "XB0101", "employment.dravonia.example.org",
    kind="gov", alt="State Employment Service of Dravonia", legal="Government agency",
    year=1991, langs=["ru"])
loc("employ-xb:kalnitsa", "employ-xb", "XB0201", "Employment centre Kalnitsa")
svc("employ-xb-jobs", "employ-xb", "Job placement",
    "Job placement and wage subsidies for employers who hire returnees.",
    ["livelihood.employment"], cond=["nationals-only"], areas=["XB01"])
svc("employ-xb-kalnitsa", "employ-xb", "Job placement — Kalnitsa",
    "Job placement for residents of the Kalnitsa region.", ["livelihood.employment"],
    ["employ-xb:kalnitsa"], cond=["nationals-only"], areas=["XB02"], assured="stale")
svc("employ-xb-training", "employ-xb", "Vocational training",
    "Free vocational courses with a stipend.", ["livelihood.vocational"],
    cond=["nationals-only"], minage=16, areas=["XB"], cap=("place", 6, 40))

org("legal-xb", "Бюро бесплатной правовой помощи",
    "The state free legal aid bureau of Dravonia.", "XB0101", "legalaid.dravonia.example.org",
    kind="gov", alt="Free Legal Aid Bureau of Dravonia", legal="Government agency", year=2012,
    langs=["ru"])
svc("legal-xb-aid", "legal-xb", "Free legal aid",
    "Lawyers represent victims in criminal cases against recruiters and traffickers.",
    ["legal.aid"], areas=["XB"])
svc("legal-xb-compensation", "legal-xb", "Compensation claims",
    "Helps victims claim damages in Dravonian courts and from abroad.", ["legal.compensation"],
    areas=["XB"])

org("college-xb", "Колледж второго шанса Томарово",
    "A vocational college with second-chance classes.", "XB0202", "college-tomarovo.example.org",
    kind="gov", alt="Tomarovo Second Chance College", legal="Public school", year=1979,
    langs=["ru"])
svc("college-xb-classes", "college-xb", "Second-chance classes",
    "Classes to finish school, for young people and adults.", ["education"], minage=15,
    areas=["XB02"], hours=[("MO,TU,WE,TH", "15:00", "19:00")])
svc("college-xb-trades", "college-xb", "Trade courses",
    "Courses in agriculture, mechanics and cooking.", ["livelihood.vocational"], minage=15,
    areas=["XB02"], assured="none")

org("sosnovka", "Женская инициатива Сосновки",
    "A rural women's initiative in Sosnovka.", "XB0203", "sosnovka-women.example.org",
    alt="Sosnovka Women's Initiative", legal="Community association", year=2015, langs=["ru"])
svc("sosnovka-grants", "sosnovka", "Micro-grants for returning women",
    "Small grants and training for women starting a business after return.",
    ["livelihood.cash", "reintegration"], sex=["female"], minage=18, areas=["XB02"], hours=None)
svc("sosnovka-groups", "sosnovka", "Women's support groups",
    "Weekly support groups and childcare.", ["psychosocial"], sex=["female"], areas=["XB0203"],
    hours=[("WE", "17:00", "19:00")])

org("mayak", "Ассоциация «Маяк»",
    "An NGO in Belogorsk supporting women and children affected by violence and trafficking.",
    "XB0102", "mayak.example.org", alt="Mayak (Lighthouse) Association",
    legal="Non-governmental organization", year=2004, langs=["ru", "uk"])
loc("mayak:shelter", "mayak", "XB0102", "Mayak shelter")
svc("mayak-shelter", "mayak", "Shelter for women and children",
    "Emergency and long-term shelter for women and their children.",
    ["shelter", "shelter.emergency", "shelter.long-term"], ["mayak:shelter"], sex=["female"],
    minage=16, cond=["accepts-dependents"], hours="24/7", areas=["XB01"], cap=("bed", 0, 10))
svc("mayak-psych", "mayak", "Counselling for women and children", "Individual and family counselling.",
    ["psychosocial"], areas=["XB01"])
svc("mayak-cash", "mayak", "Emergency cash for mothers",
    "Small cash grants for mothers with young children.", ["livelihood.cash"], sex=["female"],
    areas=["XB01"], cond=["referral-required"])

org("ksc-xb", "Центр социальных услуг Калницы",
    "The municipal social services centre of Kalnitsa.", "XB0201", "social-kalnitsa.example.org",
    kind="gov", alt="Kalnitsa Social Services Centre", legal="Local government", year=2003,
    langs=["ru", "ro"])
svc("ksc-xb-aid", "ksc-xb", "Social aid and food vouchers",
    "Food vouchers and social aid for residents and returnees.", ["basic-needs"], areas=["XB0201"])
svc("ksc-xb-family", "ksc-xb", "Family support service",
    "Social workers visit families of returnees and support children's schooling.",
    ["psychosocial", "child-protection"], areas=["XB0201"])
svc("ksc-xb-canteen", "ksc-xb", "Social canteen",
    "Free lunch on weekdays.", ["basic-needs"], areas=["XB0201"],
    hours=[("MO,TU,WE,TH,FR", "12:00", "14:00")], assured="stale")

org("iosm-xb", "International Organization for Safe Migration — Dravonia Mission",
    "The IOSM mission in Dravonia, receiving returnees and supporting their reintegration.",
    "XB0101", "dravonia.iosm.example.org", kind="io", alt="Миссия МОБМ в Дравонии",
    legal="Intergovernmental organization", year=1996,
    funding="Voluntary contributions of member states", langs=["ru", "en", "ro"])
program("iosm-xb-reint", "iosm-xb", "Reintegration assistance",
        "Reintegration support for returnees to Dravonia.")
loc("iosm-xb:kalnitsa", "iosm-xb", "XB0201", "IOSM field office Kalnitsa")
svc("iosm-xb-reception", "iosm-xb", "Reception of assisted returnees",
    "Meets returnees at the airport or border and takes them home or to a shelter.",
    ["return", "transport"], ["iosm-xb:kalnitsa"], areas=["XB"], prog="iosm-xb-reint",
    hours=[("MO,TU,WE,TH,FR,SA", "08:00", "20:00")])
svc("iosm-xb-reintegration", "iosm-xb", "Reintegration assistance",
    "A reintegration plan with a grant in kind for housing, training or a small business.",
    ["reintegration", "livelihood.cash"], areas=["XB"], prog="iosm-xb-reint")
svc("iosm-xb-vocational", "iosm-xb", "Vocational training vouchers",
    "Vouchers for courses chosen by the returnee.", ["livelihood.vocational"], minage=16,
    areas=["XB"], prog="iosm-xb-reint")
svc("iosm-xb-tracing", "iosm-xb", "Family tracing and assessment",
    "Traces families and assesses whether return to the family is safe.", ["family-tracing"],
    areas=["XB"], prog="iosm-xb-reint")
svc("iosm-xb-medical", "iosm-xb", "Medical costs for returnees",
    "Pays for medical care in the first six months after return.", ["health"], areas=["XB"],
    prog="iosm-xb-reint", cond=["referral-required"])

org("crxb", "Красный Крест Дравонии",
    "The national Red Cross society of Dravonia.", "XB0101", "redcross.dravonia.example.org",
    alt="Dravonian Red Cross Society", legal="Auxiliary to public authorities", year=1921,
    langs=["ru", "en"])
svc("crxb-rfl", "crxb", "Restoring Family Links", "Tracing of missing relatives abroad.",
    ["family-tracing"], areas=["XB"])
svc("crxb-relief", "crxb", "Emergency relief", "Food, clothes and hygiene kits.",
    ["basic-needs"], areas=["XB"], hours=[("MO,WE,FR", "10:00", "16:00")])

org("cons-xa-zarevsk", "Посольство Республики Арвелия в Заревске",
    "The embassy of Arvelia in Dravonia.", "XB0101", "embassy-zarevsk.arvelia.example.org",
    kind="gov", alt="Embassy of the Republic of Arvelia in Zarevsk", legal="Diplomatic mission",
    year=1993, langs=["ro", "ru", "en"])
svc("cons-xa-zarevsk-consular", "cons-xa-zarevsk", "Consular assistance for Arvelian citizens",
    "Consular protection, travel documents and help to return home for Arvelian citizens in "
    "Dravonia.", ["consular", "return"], cond=["foreign-nationals-only"], areas=["XB"],
    elig="Citizens of Arvelia.", hours=[("MO,TU,WE,TH,FR", "10:00", "13:00")])

# --- Further services of organizations above -------------------------------------------

svc("naatp-screening-XA01", "naatp", "Victim screening office — Valdora",
    "Screens people for trafficking indicators at NAATP headquarters and opens a "
    "presumed-victim file so that assistance can start at once in the Valdora region.",
    ["identification"], areas=["XA01"], prog="naatp-nrm", hours=OFFICE_SAT)
svc("dcco-online", "dcco", "Online recruitment and exploitation reports",
    "Officers of the cybercrime desk act on reports of fake job adverts, online grooming and "
    "the online sale of sexual services by third parties.", ["law-enforcement"],
    [vloc("dcco:online", "dcco", "XA", "DCCO online reporting form", "https://dcco.example.org/report")],
    areas=["XA"], hours=OFFICE, phone=False, url=True)
svc("ncpa-age", "ncpa", "Multidisciplinary age assessment",
    "A social worker, a psychologist and a paediatrician assess age when it is disputed; the "
    "person is treated as a child until the assessment ends.", ["child-protection"],
    cond=["referral-required"], areas=["XA"], wait="Within 10 days")
svc("scuv-sarc", "scuv", "Sexual assault referral centre",
    "Medical care, emergency contraception, HIV prophylaxis and forensic examination after "
    "sexual violence, with a female doctor on request; no police report needed.",
    ["health.medical", "health.sexual-reproductive"], hours="24/7", areas=["XA01"],
    langs=["ro", "en"])
svc("csb-counselling", "csb", "Mental health counselling",
    "A psychologist offers up to 8 counselling sessions to patients of the centre.",
    ["health.mental"], minage=14, hours=[("TU,TH", "12:00", "18:00")], areas=["XA03"])
svc("aurora-pregnancy", "aurora", "Pregnancy counselling",
    "Confidential counselling on pregnancy options and antenatal care.",
    ["health.sexual-reproductive", "psychosocial"], sex=["female"], hours=OFFICE)
svc("speranta-accompaniment", "speranta", "Accompaniment to police and court",
    "A trained volunteer or lawyer accompanies women to the police, the prosecutor and "
    "hearings, and explains each step.", ["legal"], sex=["female"], areas=["XA01"],
    prog="speranta-safe")
svc("prorefugiu-wages", "prorefugiu", "Wage recovery support",
    "Helps men exploited at work claim unpaid wages from employers and agencies.",
    ["legal.compensation"], sex=["male"], expl=["labour"], areas=["XA01"])
svc("iosm-xa-tracing", "iosm-xa", "Family tracing and family assessment abroad",
    "Traces family members in the country of origin and assesses whether contact or return is "
    "safe, through IOSM missions.", ["family-tracing"], cond=["foreign-nationals-only"],
    areas=["XA"], prog="iosm-xa-avrr")
svc("crxa-pfa", "crxa", "Psychological first aid",
    "Trained volunteers give psychological first aid to people in crisis and refer them on.",
    ["psychosocial"], areas=["XA01"], hours=None)
svc("adm-infoline", "adm", "Migrants' rights information line",
    "Information on rights and procedures for migrant workers and asylum seekers, by phone.",
    ["hotline", "legal"], [vloc("adm:line", "adm", "XA", "Migrants' rights line (telephone)",
                                 "https://migrantrights.example.org/line")],
    areas=["XA"], hours=[("MO,TU,WE,TH,FR", "10:00", "16:00")], langs=["ro", "en", "ar", "fr"])
svc("alternativa-training", "alternativa", "Vocational training for young women (18–25)",
    "Six-month training in hospitality and retail with a paid internship, for women aged 18 to "
    "25.", ["livelihood.vocational"], sex=["female"], minage=18, maxage=25, areas=["XA02"],
    cap=("place", 0, 12))
svc("casadeschisa-clothes", "casadeschisa", "Free clothing store",
    "Clothes, shoes and baby items, free for people referred by a social worker.",
    ["basic-needs"], hours=[("WE", "10:00", "16:00"), ("SA", "10:00", "13:00")], areas=["XA03"])
svc("daralaman-legal", "daralaman", "Legal information sessions in Arabic",
    "Monthly sessions with a lawyer on residence, work and family law.", ["legal"],
    sex=["female", "other"], areas=["XA02"], hours=None)
svc("diaconia-counselling", "diaconia", "Counselling",
    "Counselling by a psychologist and a social worker for residents and former residents.",
    ["psychosocial"], areas=["XA03"])
svc("diaconia-transport", "diaconia", "Transport to the shelters",
    "A driver collects survivors from police stations and hospitals in the east.",
    ["transport"], areas=["XA03"], hours="24/7", cond=["referral-required"])
svc("izvorul-transport", "izvorul", "Transport from remote villages",
    "Brings women and children from mountain villages to the shelter, the hospital or the "
    "police in Hârtop.", ["transport"], sex=["female"], areas=["XA04"], hours=None)
for r, (ok, _name, _alt, _dom) in DG.items():
    city, _d = REGION_CITY[r]
    svc(ok + "-daycentre", ok, "Day centre for children at risk — " + city,
        "After-school care, meals, homework help and counselling for children at risk of "
        "exploitation and their families.", ["education", "psychosocial"], maxage=17,
        areas=[r], hours=OFFICE_SAT if r in ("XA01", "XA02") else OFFICE,
        assured="stale" if r == "XA04" else "auto")
svc("nadezhda-legal", "nadezhda", "Legal assistance for survivors",
    "A lawyer advises survivors and represents them in proceedings against recruiters.",
    ["legal", "legal.aid"], areas=["XB01"], prog="nadezhda-reint")
svc("svetly-workshop", "svetly", "Vocational workshop",
    "Carpentry and repair workshop for returnees, with a small wage.", ["livelihood.vocational"],
    minage=18, areas=["XB02"], cap=("place", 1, 8))
svc("hosp-kalnitsa-women", "hosp-kalnitsa", "Women's health clinic",
    "Gynaecology, STI testing and pregnancy care.", ["health.sexual-reproductive"],
    sex=["female"], areas=["XB02"])
svc("childprot-xb-foster", "childprot-xb", "Foster care",
    "Places returned children who cannot live with their family with foster carers.",
    ["child-protection"], maxage=17, cond=["referral-required"], areas=["XB"])
svc("msp-xb-housing", "msp-xb", "Social housing for returnees",
    "Temporary social flats for returned victims without housing, for up to a year.",
    ["reintegration", "basic-needs"], cond=["nationals-only", "referral-required"],
    areas=["XB01"], cap=("place", 0, 6))
svc("kalnitsa-rc-interp", "kalnitsa-rc", "Interpretation at the border",
    "Interpreters for foreign nationals met at the crossing.", ["interpretation"],
    hours="24/7", areas=["XB02"], langs=["ru", "ro", "en"])
svc("mvd-xb-witness", "mvd-xb", "Witness protection programme",
    "Protection, relocation and a new identity for witnesses in trafficking trials.",
    ["law-enforcement"], cond=["requires-police-cooperation", "referral-required"],
    areas=["XB"])
svc("crxb-pfa", "crxb", "Psychological first aid", "Volunteers support people in crisis.",
    ["psychosocial"], areas=["XB01"], hours=None)
svc("mayak-legal", "mayak", "Legal advice for women", "A lawyer advises on divorce, custody "
    "and complaints against traffickers.", ["legal.aid"], sex=["female"], areas=["XB01"],
    hours=[("TU", "10:00", "14:00")])


# ---------------------------------------------------------------------------------------
# Building the tables
# ---------------------------------------------------------------------------------------


def fmt_coord(x):
    return "%.5f" % x


def near(pcode, key):
    a = AREA[pcode]
    dlat = (h("lat:" + key, 601) - 300) / 10000.0
    dlon = (h("lon:" + key, 601) - 300) / 10000.0
    return a[3] + dlat, a[4] + dlon


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def phone_number(pcode, key, used):
    country = country_of(pcode)
    region_codes = {"XA01": "21", "XA02": "31", "XA03": "41", "XA04": "51",
                    "XB01": "71", "XB02": "72"}
    code = region_codes[region_of(pcode)]
    n = h("tel:" + key, 9000) + 100
    while (code, n) in used:
        n = (n + 7) % 9900 + 100
    used.add((code, n))
    return "+999 %s 555 %04d" % (code, n)


DAY_NAMES = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
             "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def day_words(byday):
    days = byday.split(",")
    order = list(DAY_NAMES)
    idx = [order.index(d) for d in days]
    if len(days) == 7:
        return "Every day"
    if len(days) > 2 and idx == list(range(idx[0], idx[-1] + 1)):
        return "%s to %s" % (DAY_NAMES[days[0]], DAY_NAMES[days[-1]])
    names = [DAY_NAMES[d] for d in days]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def fresh_date(key):
    return REFERENCE_DATE - datetime.timedelta(days=3 + h("assured:" + key, 170))


def stale_date(key):
    return REFERENCE_DATE - datetime.timedelta(days=STALE_DAYS + 20 + h("stale:" + key, 500))


COUNTRY_ADJ = {"XA": "Arvelian", "XB": "Dravonian"}
EXPL_NAME = {c: n.lower() for c, n, _ in TERMS["waymark-exploitation"]}


def eligibility_text(s):
    """A human summary of the machine-readable eligibility (the attributes are authoritative)."""
    if s["elig"]:
        return s["elig"]
    sex = s["sex"]
    lo, hi = s["minage"], s["maxage"]
    child = hi is not None and hi <= 18
    adult = lo is not None and lo >= 18
    words = {"female": ("girls" if child else "women" if adult else "women and girls"),
             "male": ("boys" if child else "men" if adult else "men and boys"),
             "other": "people of other sex"}
    if sex and set(sex) != {"female", "male", "other"}:
        ws = [words[x] for x in sex]
        who = ws[0] if len(ws) == 1 else ", ".join(ws[:-1]) + (", and " if len(ws) > 2 or " and " in ws[0] else " and ") + ws[-1]
        who = who[0].upper() + who[1:]
    elif hi is not None and hi <= 17:
        who = "Children"
    elif adult:
        who = "Adults"
    elif lo is not None and hi is not None:
        who = "Young people"
    elif lo is not None or hi is not None:
        who = "People"
    else:
        who = "Anyone"
    if lo is not None and hi is not None:
        who += " aged %d to %d" % (lo, hi)
    elif lo is not None:
        who += " aged %d and over" % lo
    elif hi is not None:
        who += " aged %d and under" % hi
    parts = [who]
    if s["expl"]:
        parts.append("only for victims of " + " or ".join(EXPL_NAME[e] for e in s["expl"]))
    country = country_of(LOCS[s["locs"][0]]["district"])
    notes = {"nationals-only": COUNTRY_ADJ[country] + " nationals only",
             "foreign-nationals-only": "not for " + COUNTRY_ADJ[country] + " nationals",
             "requires-legal-residence": "legal residence required",
             "requires-formal-identification": "formal identification as a victim required",
             "requires-police-cooperation": "only while cooperating with the police or prosecution",
             "referral-required": "by referral only"}
    parts += [notes[c] for c in s["cond"] if c in notes]
    return "; ".join(parts) + "."


def build():
    T = {name: [] for name, _, _ in OFFICIAL}
    X = {name: [] for name, *_ in EXTRA}
    used_tel = set()

    # taxonomies and terms
    term_id = {}
    for tname, tdesc in TAXONOMIES:
        tid = uid("taxonomy", tname)
        T["taxonomy"].append(dict(id=tid, name=tname, description=tdesc,
                                  uri="https://waymark.example.org/taxonomies/" + tname,
                                  version="1"))
        for code, name, desc in TERMS[tname]:
            parent = ""
            if "." in code:
                parent = term_id[code.rsplit(".", 1)[0]]
            term_id[code] = uid("taxonomy_term", tname + "/" + code)
            T["taxonomy_term"].append(dict(
                id=term_id[code], code=code, name=name, description=desc, parent_id=parent,
                taxonomy=tname, language="en", taxonomy_id=tid,
                term_uri="https://waymark.example.org/taxonomies/%s/%s" % (tname, code)))

    # organizations
    for key in ORG_ORDER:
        o = ORGS[key]
        oid = uid("organization", key)
        T["organization"].append(dict(
            id=oid, name=o["name"], alternate_name=o["alt"], description=o["desc"],
            email="info@" + o["domain"], website="https://" + o["domain"],
            tax_status=o["tax_status"], year_incorporated=o["year"] or "",
            legal_status=o["legal"],
            parent_organization_id=uid("organization", o["parent"]) if o["parent"] else ""))
        if o["phone"]:
            T["phone"].append(dict(id=uid("phone", "org:" + key), organization_id=oid,
                                   number=phone_number(o["district"], "org:" + key, used_tel),
                                   type="voice", description="Main office"))
        if o["contact"]:
            name, title, dept = o["contact"]
            T["contact"].append(dict(id=uid("contact", key), organization_id=oid, name=name,
                                     title=title, department=dept,
                                     email=slug(dept) + "@" + o["domain"]))
        if o["ident"]:
            scheme, itype, ident = o["ident"]
            T["organization_identifier"].append(dict(
                id=uid("organization_identifier", key), organization_id=oid,
                identifier_scheme=scheme, identifier_type=itype, identifier=ident))
        if o["funding"]:
            T["funding"].append(dict(id=uid("funding", "org:" + key), organization_id=oid,
                                     source=o["funding"]))

    for pkey, okey, name, alt, desc in PROGRAMS:
        T["program"].append(dict(id=uid("program", pkey), organization_id=uid("organization", okey),
                                 name=name, alternate_name=alt, description=desc))

    # locations and addresses
    for key in LOC_ORDER:
        l = LOCS[key]
        lid = uid("location", key)
        o = ORGS[l["org"]]
        row = dict(id=lid, location_type=l["kind"], organization_id=uid("organization", l["org"]),
                   name=l["name"], alternate_name=l["alt"], description=l["desc"],
                   transportation=l["transport"], url=l["url"],
                   external_identifier=l["district"], external_identifier_type="pcode")
        if l["kind"] == "physical":
            lat, lon = near(l["district"], key)
            row["latitude"], row["longitude"] = fmt_coord(lat), fmt_coord(lon)
            country = country_of(l["district"])
            streets = STREETS[country]
            street = l["street"] or "%s %d" % (streets[h("street:" + key, len(streets))],
                                               h("no:" + key, 140) + 1)
            a = AREA[l["district"]]
            T["address"].append(dict(
                id=uid("address", key), location_id=lid, address_1=street, city=a[7],
                region=a[1], state_province=RN[region_of(l["district"])],
                postal_code="%s%02d" % (l["district"][2:], h("zip:" + key, 90) + 10),
                country=country, address_type="physical"))
            if l["access"]:
                d, det = l["access"]
                T["accessibility"].append(dict(id=uid("accessibility", key), location_id=lid,
                                               description=d, details=det))
            if l["phone"]:
                T["phone"].append(dict(id=uid("phone", "loc:" + key), location_id=lid,
                                       number=phone_number(l["district"], "loc:" + key, used_tel),
                                       type="voice", description="Reception desk"))
        T["location"].append(row)
        if l["confidential"]:
            T["attribute"].append(dict(id=uid("attribute", "loc:%s:confidential-address" % key),
                                       link_id=lid, taxonomy_term_id=term_id["confidential-address"],
                                       link_type="condition", link_entity="location", value=""))

    # a few accessibility notes for shelters and main offices
    for key in ["speranta:shelter", "prorefugiu:shelter", "diaconia:men", "dgaspc-valdora:children",
                "ancora:shelter", "nadezhda:shelter"]:
        T["accessibility"].append(dict(
            id=uid("accessibility", key), location_id=uid("location", key),
            description="Ground-floor bedroom and bathroom",
            details="One adapted room for a resident using a wheelchair."))

    units = {"bed": ("Bed", "Shelter bed for one person for one night or longer."),
             "place": ("Place", "A place in a course, programme or caseload.")}
    for u, (name, _) in units.items():
        X["unit"].append(dict(id=uid("unit", u), name=name, scheme="waymark-unit",
                              identifier=u, uri="https://waymark.example.org/units/" + u))

    # services
    languages_seen = set()
    for s in SVCS:
        key = s["key"]
        sid = uid("service", key)
        o = ORGS[s["org"]]
        first_loc = LOCS[s["locs"][0]]
        country = country_of(first_loc["district"])
        if s["assured"] == "auto":
            assured = fresh_date(key).isoformat()
        elif s["assured"] == "stale":
            assured = stale_date(key).isoformat()
        elif s["assured"] == "none":
            assured = ""
        else:
            assured = s["assured"]
        assurer = ("directory@naatp.example.org" if country == "XA" else "directory@most.example.org") if assured else ""
        fees = s["fees"] or ("Free of charge." if "free-of-charge" in s["cond"] else "")
        T["service"].append(dict(
            id=sid, organization_id=uid("organization", s["org"]),
            program_id=uid("program", s["prog"]) if s["prog"] else "",
            name=s["name"], alternate_name=s["alt"], description=s["desc"],
            url=("https://%s/services/%s" % (o["domain"], slug(key))) if s["url"] or h("url:" + key, 3) == 0 else "",
            email=("%s@%s" % (slug(key.split("-", 1)[-1]) or "info", o["domain"])) if s["email"] and h("email:" + key, 5) < 3 else "",
            status=s["status"], interpretation_services=s["interp"], application_process=s["app"],
            fees_description=fees, wait_time=s["wait"], accreditations=s["accreditations"],
            eligibility_description=eligibility_text(s),
            minimum_age="" if s["minage"] is None else s["minage"],
            maximum_age="" if s["maxage"] is None else s["maxage"],
            assured_date=assured, assurer_email=assurer, licenses=s["licenses"], alert=s["alert"]))

        def attr(link_type, code):
            T["attribute"].append(dict(id=uid("attribute", "svc:%s:%s:%s" % (key, link_type, code)),
                                       link_id=sid, taxonomy_term_id=term_id[code],
                                       link_type=link_type, link_entity="service", value=""))
        for c in s["types"]:
            attr("service_type", c)
        for c in s["sex"] or []:
            attr("eligibility", c)
        for c in s["expl"] or []:
            attr("eligibility", c)
        for c in s["cond"]:
            attr("condition", c)

        sal_ids = {}
        for lk in s["locs"]:
            sal = uid("service_at_location", key + "@" + lk)
            sal_ids[lk] = sal
            T["service_at_location"].append(dict(id=sal, service_id=sid,
                                                 location_id=uid("location", lk),
                                                 description=s["sal_desc"].get(lk, "")))

        if s["phone"]:
            pid = uid("phone", "svc:" + key)
            if key == "naatp-hotline":
                number = "+999 800 800 800"
            elif key == "ncpa-116":
                number = "+999 116 111"
            elif key == "most-hotline":
                number = "+999 800 700 700"
            else:
                number = phone_number(first_loc["district"], "svc:" + key, used_tel)
            T["phone"].append(dict(id=pid, service_id=sid, number=number,
                                   type="voice",
                                   description=s["phone_desc"]))
            if first_loc["kind"] == "virtual" and "hotline" in s["types"]:
                for code in s["langs"]:
                    T["language"].append(dict(id=uid("language", "phone:%s:%s" % (key, code)),
                                              phone_id=pid, name=LANGUAGES[code], code=code,
                                              note="Spoken by operators on this line"))
        for code in s["langs"]:
            languages_seen.add(code)
            T["language"].append(dict(id=uid("language", "svc:%s:%s" % (key, code)),
                                      service_id=sid, name=LANGUAGES[code], code=code))

        for pc in s["areas"]:
            T["service_area"].append(dict(
                id=uid("service_area", key + ":" + pc), service_id=sid,
                name=RN[pc], description="Covers %s (%s) and all areas within it." % (RN[pc], pc),
                extent=pc, extent_type="pcode"))

        hours = s["hours"]
        if isinstance(hours, dict):   # different hours at each location
            per_loc = [(lk, rows) for lk, rows in hours.items()]
        elif isinstance(hours, list):
            per_loc = [(None, hours)]
        elif hours == "office":
            per_loc = [(None, OFFICE)]
        elif hours in ("24/7", None):
            per_loc = []
        else:
            raise ValueError(hours)
        i = 0
        for lk, rows in per_loc:
            for byday, opens, closes in rows:
                closes_s = "23:59:59" if closes == "23:59" else closes + ":00"
                T["schedule"].append(dict(
                    id=uid("schedule", "%s:%d" % (key, i)), service_id=sid,
                    location_id=uid("location", lk) if lk else "",
                    service_at_location_id=sal_ids[lk] if lk else "",
                    freq="WEEKLY", wkst="MO", byday=byday, opens_at=opens + ":00",
                    closes_at=closes_s,
                    description="%s, %s–%s local time%s" % (
                        day_words(byday), opens, "24:00" if closes == "23:59" else closes,
                        (" at " + LOCS[lk]["name"]) if lk else "")))
                i += 1

        if s["cap"]:
            unit, avail, maximum = s["cap"]
            upd = "2026-01-%02dT%02d:%02d:00Z" % (5 + h("capd:" + key, 10), 7 + h("caph:" + key, 10),
                                                 15 * h("capm:" + key, 4))
            X["service_capacity"].append(dict(
                id=uid("service_capacity", key), service_id=sid, unit_id=uid("unit", unit),
                available=avail, maximum=maximum,
                description=("%d of %d %ss free" % (avail, maximum, unit)) if avail else
                            "Full: no %ss free" % unit,
                updated=upd))

        for i, doc in enumerate(s["docs"]):
            T["required_document"].append(dict(id=uid("required_document", "%s:%d" % (key, i)),
                                               service_id=sid, document=doc))
        if s["cost"]:
            opt, amount, desc = s["cost"]
            T["cost_option"].append(dict(id=uid("cost_option", key), service_id=sid, option=opt,
                                         amount=amount, amount_description=desc))
        elif "free-of-charge" in s["cond"] and h("cost:" + key, 12) == 0:
            T["cost_option"].append(dict(id=uid("cost_option", key), service_id=sid,
                                         option="Free for presumed and identified victims",
                                         amount=0, amount_description="No charge"))

    # a few service-level funding rows
    for key, src in [("speranta-shelter", "Ministry of Labour of Arvelia — social services grant"),
                     ("prorefugiu-shelter", "Municipality of Valdora and private donors"),
                     ("iosm-xa-return", "Voluntary contributions of member states to IOSM"),
                     ("nadezhda-reintegration", "Northern Lights Trust (fictional donor)"),
                     ("punte-pasaj", "Grant ended June 2025")]:
        T["funding"].append(dict(id=uid("funding", "svc:" + key), service_id=uid("service", key),
                                 source=src))

    # change log (metadata)
    for key, field, prev, new, date in [
            ("dgaspc-tarasus-men", "status", "active", "temporarily closed", "2025-12-03"),
            ("muni-hartop-night", "status", "active", "defunct", "2024-03-18"),
            ("punte-pasaj", "status", "active", "inactive", "2025-07-01"),
            ("kasambahay-shelter-referral", "status", "active", "inactive", "2025-04-10"),
            ("izvorul-shelter", "service_capacity.available", "2", "0", "2025-05-20")]:
        T["metadata"].append(dict(id=uid("metadata", key + ":" + field), resource_id=uid("service", key),
                                  resource_type="service", last_action_date=date,
                                  last_action_type="update", field_name=field,
                                  previous_value=prev, replacement_value=new,
                                  updated_by="NRM directory coordinator"))

    for name, path, _ in OFFICIAL:
        T["meta_table_description"].append(dict(id=uid("meta_table_description", name),
                                                 name=name, language="en", character_set="UTF-8"))

    # areas and travel links
    for pcode, name, level, lat, lon, tz, pop, _city in AREAS:
        parent = "" if level == 0 else pcode[:2 * level]
        X["area"].append(dict(pcode=pcode, name=name, parent_pcode=parent, country=pcode[:2],
                              level=level, latitude="%.4f" % lat, longitude="%.4f" % lon,
                              timezone=tz, population="" if pop is None else pop))
    for link in TRAVEL:
        a, b, m = link[:3]
        border = len(link) > 3 and link[3]
        X["travel_link"].append(dict(from_pcode=a, to_pcode=b, minutes=m,
                                     border_crossing="true" if border else "false"))
    return T, X


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def write_csv(path, fields, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        for r in rows:
            unknown = set(r) - set(fields)
            assert not unknown, (path, unknown)
            w.writerow(["" if r.get(k) is None else str(r.get(k, "")) for k in fields])


def schema_for(spec, pk, fks):
    fields = []
    for f, required in parse_fields(spec):
        f = dict(f)
        if f["type"] == "boolean":
            f["trueValues"] = ["true"]
            f["falseValues"] = ["false"]
        if required:
            f["constraints"] = {"required": True}
        fields.append(f)
    schema = {"fields": fields}
    if pk:
        schema["primaryKey"] = pk
    if fks:
        schema["foreignKeys"] = [{"fields": a, "reference": {"resource": b, "fields": c}}
                                 for a, b, c in fks]
    return schema


def datapackage():
    resources = []
    for name, path, spec in OFFICIAL:
        fields = []
        for f, required in parse_fields(spec):
            f = dict(f)
            c = {}
            if required:
                c["required"] = True
            if (name, f["name"]) in OFFICIAL_UNIQUE or f["name"] == "id":
                c["unique"] = True
            if c:
                f["constraints"] = c
            fields.append(f)
        schema = {"fields": fields, "primaryKey": "id"}
        if name in OFFICIAL_FKS:
            schema["foreignKeys"] = [{"fields": a, "reference": {"resource": b, "fields": "id"}}
                                     for a, b in OFFICIAL_FKS[name]]
        resources.append({"name": name, "path": path, "profile": "tabular-data-resource",
                          "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": schema})
    for name, path, desc, spec, pk, fks in EXTRA:
        resources.append({"name": name, "path": path, "description": desc,
                          "profile": "tabular-data-resource", "format": "csv",
                          "mediatype": "text/csv", "encoding": "utf-8",
                          "schema": schema_for(spec, pk, fks)})
    return {
        "name": "waymark-sample",
        "title": "Waymark sample directory — fictional countries, fictional providers; not for real referrals",
        "description": ("A fictional counter-trafficking referral directory for two invented "
                        "countries, Arvelia (XA, destination) and Dravonia (XB, origin), used to "
                        "demonstrate and test Waymark. Every organization, service, address, "
                        "phone number and person in it is invented. Do not use it to refer anyone."),
        "profile": "tabular-data-package",
        "version": "2026.1",
        "homepage": "https://waymark.example.org",
        "waymark": {"profile": "waymark-hsds-1", "reference_date": REFERENCE_DATE.isoformat(),
                    "fictional": True},
        "resources": resources,
    }


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_out = os.path.normpath(os.path.join(here, "..", "..", "Data", "sample"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=default_out)
    args = ap.parse_args()
    T, X = build()
    check(T, X)
    os.makedirs(args.out, exist_ok=True)
    for name, path, spec in OFFICIAL:
        write_csv(os.path.join(args.out, path), [f["name"] for f, _ in parse_fields(spec)], T[name])
    for name, path, _desc, spec, _pk, _fks in EXTRA:
        write_csv(os.path.join(args.out, path), [f["name"] for f, _ in parse_fields(spec)], X[name])
    with open(os.path.join(args.out, "datapackage.json"), "w", encoding="utf-8", newline="\n") as f:
        f.write(json.dumps(datapackage(), indent=2, ensure_ascii=False) + "\n")
    print("wrote %s: %d organizations, %d services, %d locations, %d areas, %d travel links"
          % (args.out, len(T["organization"]), len(T["service"]), len(T["location"]),
             len(X["area"]), len(X["travel_link"])))


# ---------------------------------------------------------------------------------------
# Self-check: the profile's rules and the traps the sample must contain
# ---------------------------------------------------------------------------------------


def check(T, X):
    problems = []

    def need(cond, msg):
        if not cond:
            problems.append(msg)

    # ids unique, references resolve, required fields present
    ids = {}
    for name, _, spec in OFFICIAL:
        seen = set()
        for r in T[name]:
            need(r["id"] not in seen, "%s: duplicate id %s" % (name, r["id"]))
            seen.add(r["id"])
            for f, required in parse_fields(spec):
                v = r.get(f["name"], "")
                if required:
                    need(v not in ("", None), "%s %s: %s required" % (name, r["id"], f["name"]))
                if f.get("format") == "uuid" and v:
                    need(str(uuid.UUID(v)) == v, "%s: bad uuid %s" % (name, v))
        ids[name] = seen
    for name, fks in OFFICIAL_FKS.items():
        for r in T[name]:
            for col, target in fks:
                v = r.get(col, "")
                need(not v or v in ids[target], "%s.%s dangling %s" % (name, col, v))
    for r in T["attribute"]:
        target = {"service": "service", "location": "location"}[r["link_entity"]]
        need(r["link_id"] in ids[target], "attribute link_id dangling")
    codes = [t["code"] for t in T["taxonomy_term"]]
    need(len(codes) == len(set(codes)), "taxonomy_term.code not unique")
    orgs_with_program = [p["organization_id"] for p in T["program"]]
    need(len(orgs_with_program) == len(set(orgs_with_program)), "program.organization_id not unique")

    # geography
    pcodes = {a["pcode"] for a in X["area"]}
    for r in T["location"]:
        need(r["external_identifier"] in pcodes, "location pcode unknown")
    for r in T["service_area"]:
        need(r["extent"] in pcodes, "service_area pcode unknown")
    deg = {}
    for l in X["travel_link"]:
        for p in (l["from_pcode"], l["to_pcode"]):
            deg[p] = deg.get(p, 0) + 1
        need(20 <= l["minutes"] <= 240, "travel minutes out of range")
        if "XA04" in (l["from_pcode"][:4], l["to_pcode"][:4]) and l["from_pcode"][:4] != l["to_pcode"][:4]:
            need(l["minutes"] >= 180, "XA04 must be reachable only by long links")
    districts = [a["pcode"] for a in X["area"] if a["level"] == 2]
    for d in districts:
        need(1 <= deg.get(d, 0) <= 4, "district %s has %d links" % (d, deg.get(d, 0)))
    need(sum(1 for d in districts if d.startswith("XA")) >= 14, "XA districts < 14")
    need(sum(1 for d in districts if d.startswith("XB")) >= 4, "XB districts < 4")
    # connected
    adj = {}
    for l in X["travel_link"]:
        adj.setdefault(l["from_pcode"], set()).add(l["to_pcode"])
        adj.setdefault(l["to_pcode"], set()).add(l["from_pcode"])
    seen, stack = set(), [districts[0]]
    while stack:
        p = stack.pop()
        if p not in seen:
            seen.add(p)
            stack.extend(adj.get(p, ()))
    need(seen == set(districts), "travel network not connected")

    # services
    S = {s["key"]: s for s in SVCS}
    need(len(T["organization"]) >= 64, "organizations < 64")
    need(len(T["service"]) >= 260, "services < 260")
    used = set()
    for s in SVCS:
        if s["status"] == "active":
            used.update(s["types"])
    missing = [c for c, _, _ in TERMS["waymark-service-type"] if c not in used]
    need(not missing, "service types unused by active services: %s" % missing)
    stale = [s for s in T["service"] if s["assured_date"] and
             datetime.date.fromisoformat(s["assured_date"]) < REFERENCE_DATE - datetime.timedelta(days=STALE_DAYS)]
    need(len(stale) >= 15, "stale services < 15 (%d)" % len(stale))
    need(any(not s["assured_date"] for s in T["service"]), "no service without assured_date")

    def located_in(s, region):
        return any(LOCS[l]["district"].startswith(region) for l in s["locs"])

    def covers(s, region):
        if not s["areas"]:
            return True
        return any(region.startswith(a) or a.startswith(region) for a in s["areas"])

    def shelters_adult_men(s):
        return (s["status"] == "active" and any(t.startswith("shelter") for t in s["types"])
                and (not s["sex"] or "male" in s["sex"])
                and (s["maxage"] is None or s["maxage"] >= 18))
    for s in SVCS:
        if shelters_adult_men(s) and country_of(LOCS[s["locs"][0]]["district"]) == "XA":
            need(not located_in(s, "XA04") and not covers(s, "XA04"),
                 "trap 1 broken: %s shelters adult men in XA04" % s["key"])
    for r in ("XA01", "XA02", "XA03"):
        need(any(s["status"] == "active" and s["sex"] == ["male"] and s["minage"] == 18
                 and "shelter" in s["types"] and located_in(s, r) for s in SVCS),
             "no men's shelter in " + r)
    need(S["lumina-house"]["sex"] == ["female"] and S["lumina-house"]["maxage"] == 17, "trap 2")
    need("closed-facility" in S["sfmaria-home"]["cond"], "trap 3")
    need("requires-police-cooperation" in S["dcco-witness-shelter"]["cond"], "trap 4")
    need("requires-formal-identification" in S["anofm-allowance"]["cond"], "trap 5")
    need(S["alternativa-girls"]["maxage"] == 18 and (S["tinerii-house"]["minage"], S["tinerii-house"]["maxage"]) == (15, 20), "trap 6")
    statuses = {s["status"] for s in SVCS}
    need({"temporarily closed", "inactive", "defunct"} <= statuses, "trap 7")
    need(LOCS["speranta:shelter"]["confidential"] and S["speranta-shelter"]["phone"], "trap 8")
    need(sum(1 for c in X["service_capacity"] if c["available"] == 0) >= 3, "trap 9")
    need(any("open-24-7" in s["cond"] for s in SVCS), "trap 10 (24/7)")
    for code in ("accepts-dependents", "accepts-unaccompanied-children", "nationals-only",
                 "foreign-nationals-only", "requires-legal-residence", "referral-required",
                 "free-of-charge"):
        need(any(code in s["cond"] for s in SVCS), "condition unused: " + code)
    need(any(s["expl"] == ["labour"] for s in SVCS), "no labour-only service")
    need(any(s["expl"] == ["sexual"] for s in SVCS), "no sexual-only service")
    for sx in ("female", "male", "other"):
        need(any(s["sex"] and sx in s["sex"] for s in SVCS), "no service for sex " + sx)
    for c in ("return", "reintegration", "shelter", "health.medical", "psychosocial"):
        need(any(c in s["types"] and s["status"] == "active" and
                 country_of(LOCS[s["locs"][0]]["district"]) == "XB" for s in SVCS),
             "XB lacks " + c)
    # schedule times sane
    for r in T["schedule"]:
        need(re.fullmatch(r"\d\d:\d\d:\d\d", r["opens_at"]) and r["opens_at"] < r["closes_at"],
             "bad schedule %s" % r)

    if problems:
        for p in problems:
            print("check:", p, file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
