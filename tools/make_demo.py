"""Write the demo stories of Alder Bay Partners into content/stories/, dated around a given day.

Usage (from the repository root):

    python tools/make_demo.py [--today 2026-11-23] [--seed 7] [--root .]

The demo owns content/stories/: every .md file under it is deleted first, then about 140 stories are
written to content/stories/<department>/<yyyy-mm-dd>-<slug>.md, from three months before --today to three
months after (plus a few ideas for the spring clock change). Department and channel keys come from
calendar/departments.yml and calendar/channels.yml, so the stories always match the registry; channels are
chosen on the weekdays they post and within their daily limits, except on the Forum's opening day.

The output depends only on --seed and --today: nothing reads the clock and everything is sorted, so two runs
write the same bytes. Front-matter is formatted by hand, the way a person would write it, and every file is
read back with yaml.safe_load; the script exits with status 1 if any file does not say what was intended.

What the demo shows: a healthy calendar for most departments; Legal going quiet ten weeks before today;
Finance publishing rarely; the Alder Bay Forum (a busy week two weeks ahead) and Open Research Week (a busy
week six weeks ago); overdue drafts; timed stories around the March and October clock changes and one in
New York time; titles with commas, semicolons, quotes, an ampersand, emoji, Japanese and Greek; and one
tweet that is too long for Twitter/X.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import random
import re
import string
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
SITE = "https://alder-bay.example.org"


@dataclass(frozen=True)
class Template:
    """A kind of story a department writes. Text may use the {slots} that Demo.context fills in."""

    title: str
    summary: str
    body: tuple[str | tuple[str, ...], ...]  # paragraphs; a tuple offers alternatives, one is picked
    bullets: tuple[str, ...] = ()
    lead: str = "At a glance:"
    channels: tuple[str, ...] = ("website",)  # preferred channels, the main one first
    tags: tuple[str, ...] = ()
    once: bool = False  # a one-off announcement: at most one story per department
    times: tuple[str, ...] = ()  # usual start times, for stories that happen at a time


T = Template

TEMPLATES: dict[str, tuple[Template, ...]] = {
    "marketing": (
        T(
            "Case study: how {client} cut reporting time by {cut}%",
            "{client} now closes its monthly reporting {days} days sooner, and its board reads one pack instead of four.",
            (
                "When {client} came to us, its finance team spent the first fortnight of every month assembling "
                "reports by hand, and nobody trusted the numbers until the third version.",
                "Working with our {city} advisers, the team traced every report back to its source, retired the ones "
                "nobody read and automated the rest. Reporting time is down {cut}%, and the board pack now arrives "
                "on the fifth working day.",
                '"We stopped arguing about the figures and started talking about what they mean," says the finance '
                "director at {client}.",
            ),
            channels=("website", "linkedin", "blog"),
            tags=("clients", "case-study"),
        ),
        T(
            "Ask an adviser: {topic} in five minutes",
            "One of our partners answers the three questions clients ask most about {topic}.",
            (
                "Every month one of our partners takes the questions clients send us and answers them in plain "
                "language. This month's subject is {topic}.",
                "The short version: start with what you already measure, decide who owns the decision, and write "
                "down what would make you change course.",
            ),
            bullets=(
                "what is changing, and when",
                "who in your organisation should own it",
                "three things to do before the end of the quarter",
            ),
            lead="In this edition:",
            channels=("blog", "linkedin", "twitter"),
            tags=("advice",),
        ),
        T(
            "The Alder Bay podcast: {topic}, with {guest}",
            "{guest} joins us to talk about {topic} and what mid-sized firms should do next.",
            (
                "In this episode {guest}, a client of our {city} office, talks about {topic}: what surprised them, "
                "what they would do differently and what they are watching next year.",
                "The episode runs for about half an hour. Listen on our website or wherever you get your podcasts.",
            ),
            channels=("website", "twitter", "linkedin"),
            tags=("podcast",),
            times=("07:00",),
        ),
        T(
            "Alder Bay shortlisted for Consultancy of the Year",
            "Our work with mid-sized clients is on the shortlist of the national consultancy awards.",
            (
                "We are delighted to be shortlisted for Consultancy of the Year, in the category for firms with "
                "fewer than a thousand staff.",
                "The judges singled out our client work in {city} and our open research programme. The winners are "
                "announced at a dinner in London next month.",
                "Thank you to every client who agreed to be interviewed for the entry.",
            ),
            channels=("website", "linkedin", "twitter"),
            tags=("awards",),
            once=True,
        ),
        T(
            "Our website has a new look",
            "A faster site, clearer navigation, and every insight in one place.",
            (
                "Today we launch a redesigned website. It loads in half the time, works better on phones and puts "
                "our research, events and client stories one click from the home page.",
                "We tested the design with {n} clients and changed the navigation twice because of what they told us.",
            ),
            bullets=(
                "one search across insights, events and people",
                "larger text and better contrast",
                "a page for every office, with directions",
            ),
            lead="What is new:",
            channels=("website", "linkedin", "twitter"),
            once=True,
        ),
        T(
            "New proposal templates for every team",
            "A refreshed look for client proposals, with templates and guidance on the intranet.",
            (
                "Our proposals now share one clear layout: the client's question first, our answer second, and the "
                "price on a single page.",
                "Templates for every practice are on the intranet, with examples of proposals that won work this "
                "year. The brand team runs drop-in sessions in {city} and online.",
            ),
            channels=("website",),
            tags=("brand",),
            once=True,
        ),
    ),
    "hr": (
        T(
            "Welcome, {person}: our new {role}",
            "{person} joins our {city} office as {role}.",
            (
                "We are pleased to welcome {person}, who joins the {city} office as our new {role}.",
                (
                    "{first} spent the last {years} years in industry and brings experience of {topic} that our "
                    "clients will value.",
                    "{first} joins us from a large consultancy, where they led work on {topic} for {years} years.",
                    "{first} has spent {years} years in the public sector, most recently working on {topic}.",
                ),
                (
                    "Say hello in the {city} kitchen, or on the intranet.",
                    "{first} will be at the next all-staff meeting; come and say hello.",
                ),
            ),
            channels=("linkedin", "website"),
            tags=("people",),
        ),
        T(
            "We're hiring: {n} {area} roles in {city}",
            "Open positions in our {area} team, from graduate to senior level.",
            (
                "Our {city} office is growing, and we are looking for {n} people to join the {area} team.",
                "We offer hybrid working, 28 days of holiday plus bank holidays and a learning budget for everyone. "
                "Every application is read by a person, not a filter.",
            ),
            bullets=(
                "applications close four weeks after this post",
                "interviews in person or by video, as you prefer",
                "questions to careers@alder-bay.example.org",
            ),
            lead="How to apply:",
            channels=("linkedin", "website", "twitter"),
            tags=("careers",),
        ),
        T(
            "Life at Alder Bay: a week with the {city} team",
            "What a week in our {city} office looks like, from Monday's stand-up to Friday's quiz.",
            (
                "Our {city} office has {office_size} people, a roof terrace and a long-running argument about the "
                "best sandwich shop nearby.",
                "We followed the team for a week: a client workshop on {topic}, two mentoring lunches, a charity "
                "run and the famous Friday quiz.",
            ),
            channels=("linkedin", "blog"),
            tags=("people", "culture"),
        ),
        T(
            "Parental leave: more paid time for every parent",
            "From January every parent gets 20 weeks of fully paid leave, from their first day with us.",
            (
                "We are improving parental leave for everyone at Alder Bay. From January, every parent, however "
                "their family grows, gets 20 weeks at full pay, from their first day.",
                "The change follows the staff survey, in which parental leave was the benefit colleagues most "
                "wanted to improve.",
            ),
            bullets=(
                "20 weeks at full pay for every parent",
                "a phased return over four weeks, at full pay",
                "a coach for anyone who would like one",
            ),
            lead="The new policy:",
            channels=("website", "linkedin"),
            tags=("policy", "people"),
            once=True,
        ),
        T(
            "Hybrid working, one year on: what we learned",
            "The results of our staff survey, and the three changes that follow.",
            (
                "A year ago we asked every team to agree its own pattern of office and home working. This autumn "
                "{pct}% of colleagues told us it works well for them.",
                "Not everything did. New joiners missed out on learning by overhearing, so from next month every "
                "team meets in person on the same day each week.",
            ),
            channels=("blog", "linkedin"),
            tags=("culture",),
            once=True,
        ),
        T(
            "Our {next_year} graduate programme opens for applications",
            "Two years, four placements and a mentor: applications are open until the end of January.",
            (
                "Our graduate programme takes {n} graduates a year into advisory, research and technology. Each "
                "spends two years moving between teams, with a mentor throughout.",
                "We recruit from every degree subject. What matters is curiosity and the ability to explain a hard "
                "idea simply.",
            ),
            channels=("linkedin", "website", "twitter"),
            tags=("careers", "graduates"),
            once=True,
        ),
        T(
            "Wellbeing week: talks, walks and a quiet room",
            "A week of talks, lunchtime walks and practical support in every office.",
            (
                "Wellbeing week is back. Every office has a programme of short talks, lunchtime walks and a quiet "
                "room that anyone can book.",
                "This year's theme is sleep, with a talk by a clinician from {city} on what actually helps.",
            ),
            channels=("website",),
            tags=("wellbeing",),
            once=True,
        ),
    ),
    "legal": (
        T(
            "What the new {regulation} rules mean for clients",
            "A plain-language guide to the {regulation} rules, with the dates that matter.",
            (
                "The new {regulation} rules take effect next year. Most of our clients will need to change a "
                "process, not a whole system.",
                "Our legal team has summarised what changes, who is affected and what to do first.",
            ),
            bullets=(
                "who the rules apply to",
                "the deadlines, month by month",
                "a checklist for your next board meeting",
            ),
            lead="In this guide:",
            channels=("website", "linkedin"),
            tags=("regulation",),
        ),
        T(
            "Our privacy notice, updated",
            "How we handle client data, what has changed and why.",
            (
                "We have rewritten our privacy notice in plain English. The way we use your data has not changed; "
                "the way we explain it has.",
                "The notice now lists every supplier that processes client data, and where they store it.",
            ),
            channels=("website",),
            tags=("privacy",),
            once=True,
        ),
        T(
            "Engagement letters, simplified",
            "New clients now receive a four-page engagement letter instead of eleven.",
            (
                "Our engagement letters used to run to eleven pages. The new version fits on four, with the terms "
                "that matter most on the first page.",
                "Existing clients do not need to sign anything: the new terms apply when your engagement renews.",
            ),
            channels=("website", "linkedin"),
            tags=("clients",),
            once=True,
        ),
        T(
            "Modern slavery statement {year}",
            "Our annual statement on the steps we take against modern slavery in our supply chain.",
            (
                "Our statement for {year} is published today. It covers our own people and the {suppliers} "
                "suppliers we spend most with.",
                "This year we added questions on subcontracting to our supplier reviews, and trained every buyer.",
            ),
            channels=("website",),
            tags=("compliance",),
            once=True,
        ),
    ),
    "finance": (
        T(
            "Clearer invoices from {next_month}",
            "From {next_month} our invoices show the work done, by whom, and against which budget.",
            (
                "Clients told us our invoices were hard to match to the work. From {next_month} every invoice lists "
                "the work done, the people who did it and the budget it counts against.",
                "Nothing changes in how you pay us, and your reference numbers stay the same.",
            ),
            channels=("website",),
            tags=("clients", "billing"),
            once=True,
        ),
        T(
            "Half-year results: revenue up {growth}%",
            "Revenue grew {growth}% in the first half, led by our research and technology practices.",
            (
                "Revenue for the six months to September rose {growth}%, with the strongest growth in research "
                "and technology advisory.",
                "We are reinvesting in people: {n} new partners, a larger graduate intake and higher starting "
                "salaries across the firm.",
            ),
            channels=("website", "linkedin"),
            tags=("results",),
            once=True,
            times=("07:00",),
        ),
        T(
            "Paying by card, in the client portal",
            "Clients will be able to pay invoices by card or bank transfer from the client portal.",
            (
                "Next year clients will be able to settle invoices in the client portal, by card or bank transfer, "
                "and download receipts for their own records.",
                "We are testing the service with {n} clients first.",
            ),
            channels=("website",),
            tags=("billing",),
            once=True,
        ),
    ),
    "it": (
        T(
            "Security tip: {tip}",
            "How to recognise {tip}, and what to do if you are caught out by it.",
            (
                "Attacks on mid-sized firms are rising. This month we look at one of the most common: {tip}.",
                "Most of them are stopped by a pause and a phone call. If something feels urgent and unusual, it "
                "is worth five minutes to check.",
            ),
            bullets=(
                "check the sender's address, not just the name",
                "never approve a payment change by email alone",
                "report it: a quick report protects everyone",
            ),
            lead="Three habits that help:",
            channels=("website", "twitter", "linkedin"),
            tags=("security",),
        ),
        T(
            "Client portal: share documents securely",
            "Share files with your advisory team in one place, instead of by email.",
            (
                "The client portal now has a shared folder for every engagement. Files are encrypted, every "
                "download is logged, and nothing lands in an inbox by mistake.",
                "Your adviser can add colleagues from your organisation in a minute.",
            ),
            channels=("website", "linkedin"),
            tags=("clients", "portal"),
            once=True,
        ),
        T(
            "We are moving to passkeys",
            "Signing in to the client portal gets simpler and safer: no more passwords to remember.",
            (
                "From {next_month} you can sign in to the client portal with a passkey: your fingerprint, your face "
                "or your device's PIN.",
                "Passkeys cannot be phished, reused or guessed. Passwords keep working until the end of next year.",
            ),
            channels=("website", "twitter"),
            tags=("security", "portal"),
            once=True,
        ),
        T(
            "How we use AI in our work, and how we don't",
            "Our rules for using AI tools on client work, published in full.",
            (
                "We use AI tools to search our own research and to draft first versions of routine documents. We "
                "do not put client data into public tools, and a person signs off everything we send.",
                "The full policy is on our website, and we will update it as the tools change.",
            ),
            channels=("blog", "linkedin"),
            tags=("ai", "policy"),
            once=True,
        ),
        T(
            "New video meeting rooms in {city}",
            "Every meeting room in {city} now has one-button video calls.",
            (
                "Clients visiting our {city} office will find every meeting room ready for hybrid meetings: one "
                "button to start the call, and a camera that follows whoever is speaking.",
                "The other offices follow in the spring.",
            ),
            channels=("website",),
            once=True,
        ),
    ),
    "customer-service": (
        T(
            "Client story: {client}, {years} years on",
            "A long-standing client explains what has changed for them, and what has not.",
            (
                "{client} has worked with our {city} office for {years} years. We asked its leadership what keeps "
                "them coming back.",
                (
                    '"The people. We have had the same lead adviser for most of that time, and she knows our '
                    'business as well as we do," says the chief executive of {client}.',
                    '"They tell us when we are wrong, politely and early. That is rarer than you would think," '
                    "says {client}'s finance director.",
                    '"Every year they bring us one idea we had not thought of. Some of those ideas paid for the '
                    'whole relationship," the chair of {client} told us.',
                ),
                (
                    "Over those years the work has moved from annual audits to a standing advisory relationship, "
                    "with a review every quarter.",
                    "The next project, starting in the new year, looks at {topic}.",
                ),
            ),
            channels=("website", "linkedin"),
            tags=("clients",),
        ),
        T(
            "Your questions answered: {topic}",
            "The questions about {topic} that clients asked us most this quarter, with short answers.",
            (
                "Our service desk hears the same questions many times a month. Here are the most common ones about "
                "{topic}, answered by our specialists.",
                "If your question is not here, reply to any email from us and we will add it.",
            ),
            bullets=(
                "Where do I start?",
                "What does it cost to get it wrong?",
                "Who can help us this month?",
            ),
            lead="This time:",
            channels=("blog", "website", "twitter"),
            tags=("advice",),
        ),
        T(
            "Client survey {year}: satisfaction at {pct}%",
            "The results of our annual client survey, and what we will change because of it.",
            (
                "{respondents} clients answered this year's survey, and {pct}% said they are satisfied or very "
                "satisfied with our work.",
                "The lowest score was for how quickly we answer the phone, so that is where we start.",
            ),
            channels=("website", "linkedin"),
            tags=("clients", "survey"),
            once=True,
        ),
        T(
            "Longer service desk hours from {next_month}",
            "From {next_month} the service desk answers from 8am to 7pm on weekdays.",
            (
                "From {next_month} our service desk opens an hour earlier and closes two hours later, so you can "
                "reach us before and after your own working day.",
                "The phone number and email address stay the same.",
            ),
            channels=("website", "twitter"),
            tags=("service",),
            once=True,
        ),
    ),
    "research": (
        T(
            "Five findings on {topic}",
            "A short summary of our latest research on {topic}, for busy readers.",
            (
                "Our researchers surveyed {respondents} mid-sized organisations about {topic}. Here is what stood "
                "out.",
                (
                    "The full report, with the data and our method, is free to download.",
                    "We will discuss the findings at our next webinar; the data is free to download now.",
                    "The findings will feed into our annual outlook, out in the autumn.",
                ),
            ),
            bullets=(
                "most organisations underestimate the cost of waiting",
                "boards ask about it more than they did a year ago",
                "the best-prepared firms started small",
            ),
            lead="Three of the five:",
            channels=("blog", "linkedin", "twitter"),
            tags=("research", "data"),
        ),
        T(
            "Data note: {share}% of mid-sized firms now report on {topic}",
            "A short note on one number from our research panel, and why it matters.",
            (
                "{share}% of the firms in our panel now report on {topic} to their board, up from {share_before}% "
                "two years ago.",
                "The change is fastest among firms with between 250 and 1,000 staff.",
            ),
            channels=("linkedin", "twitter"),
            tags=("data",),
        ),
        T(
            "Webinar recording: {topic} explained",
            "The slides and recording of our research webinar on {topic}.",
            (
                "More than {attendees} people joined our webinar on {topic}. If you missed it, the recording and "
                "the slides are now online.",
                "Our researchers answered {n} questions from the audience; the answers are in the notes.",
            ),
            channels=("website", "linkedin"),
            tags=("webinar",),
        ),
        T(
            "Report: {topic} in {year}",
            "Our annual report on {topic}, with data from {respondents} organisations.",
            (
                "Our annual report on {topic} is out. It draws on a survey of {respondents} organisations and "
                "{n} in-depth interviews.",
                "This year we added a section on what smaller firms can learn from the largest ones.",
            ),
            channels=("website", "blog", "linkedin"),
            tags=("report", "research"),
        ),
    ),
    "events": (
        T(
            "Client breakfast in {city}: {topic}",
            "An informal breakfast with our {city} advisers on {topic}.",
            (
                "Join our {city} advisers for coffee, pastries and a conversation about {topic}. There is no "
                "presentation, just questions and answers.",
                (
                    "Places are limited to {n}0 guests. Coffee is served from the start time and we finish within "
                    "ninety minutes.",
                    "Breakfast is on us. We keep it short, so you can be at your desk by ten.",
                ),
            ),
            channels=("website", "linkedin"),
            tags=("events",),
            times=("08:00", "08:30"),
        ),
        T(
            "Webinar: {topic} in practice",
            "A one-hour webinar on {topic}, with time for your questions.",
            (
                (
                    "Two of our advisers walk through {topic} with real examples, then take your questions.",
                    "A partner and a client talk through {topic} as it looks from both sides of the table.",
                ),
                (
                    "The session lasts an hour and is recorded; everyone who registers receives the recording.",
                    "Registration is free. Send your questions in advance and we will answer as many as we can.",
                ),
            ),
            channels=("website", "linkedin", "twitter"),
            tags=("events", "webinar"),
            times=("12:30", "16:00"),
        ),
        T(
            "Highlights from the {city} roundtable",
            "What {n} finance directors told us about {topic} over dinner in {city}.",
            (
                "We hosted {n} finance directors in {city} for a roundtable on {topic}, under the Chatham House "
                "rule.",
                "The mood was more optimistic than last year, but everyone worried about hiring.",
            ),
            channels=("blog", "linkedin"),
            tags=("events",),
        ),
    ),
    "sustainability": (
        T(
            "Our {prev_year} carbon footprint, published",
            "Our emissions for {prev_year} by source, and the targets we measure them against.",
            (
                "Our footprint for {prev_year} is published today: emissions fell {cut}% compared with our "
                "baseline year, mostly because of less flying.",
                "Purchased goods and services are now our largest source, so that is where our next targets are.",
            ),
            channels=("website", "linkedin"),
            tags=("climate", "data"),
            once=True,
        ),
        T(
            "{volunteer} volunteering days for charities in {city}",
            "How colleagues in {city} spent their volunteering days this season.",
            (
                "Everyone at Alder Bay has three paid volunteering days a year. This season colleagues in {city} "
                "gave {volunteer} days to local charities.",
                "Most went to a food bank, a youth mentoring scheme and a river clean-up.",
            ),
            channels=("linkedin", "website"),
            tags=("community",),
        ),
        T(
            "Greener offices: {city} runs on renewable power",
            "Our {city} office now runs on renewable electricity and heat.",
            (
                "Our {city} office has switched to renewable electricity and a heat pump, two years ahead of plan.",
                "The office's emissions fall by about {cut}%, and the radiators are quieter too.",
            ),
            channels=("website", "linkedin"),
            tags=("climate",),
        ),
        T(
            "Trains first: our new travel policy",
            "From now on we take the train for any journey under five hours.",
            (
                "Our new travel policy is simple: if the train takes less than five hours, we take the train.",
                "Flights within the UK and Ireland need a partner's approval, and the savings go into our "
                "climate fund.",
            ),
            channels=("website", "linkedin"),
            tags=("climate", "policy"),
            once=True,
        ),
    ),
}

# Departments a fork adds, which the templates above do not know.
GENERIC = (
    T(
        "News from the team: {topic}",
        "What the team has been working on, and what comes next.",
        (
            "This season the team has focused on {topic}, working with colleagues in {city}.",
            "Here is what we did, what we learned and what is planned for next quarter.",
        ),
    ),
)

CLIENTS = (
    "Bramble & Finch Architects",
    "Corran Water",
    "Fenwick Rail",
    "Greyfield Council",
    "Harbour Health Trust",
    "Kestrel Foods",
    "Lumen Schools Trust",
    "Meridian Housing",
    "Northwind Logistics",
    "Oakline Energy",
    "Ostara Biotech",
    "Tidewater Ports",
)
CITIES = ("Belfast", "Bristol", "Cardiff", "Dublin", "Edinburgh", "Glasgow", "Leeds", "Manchester")
TOPICS = (
    "AI governance",
    "cyber insurance",
    "data protection",
    "energy costs",
    "ESG reporting",
    "hybrid work",
    "late payments",
    "pensions reform",
    "succession planning",
    "supply-chain risk",
)
REGULATIONS = ("consumer duty", "e-invoicing", "international data transfer", "whistleblowing")
TIPS = ("invoice fraud", "QR-code phishing", "fake login pages", "voice-cloning scams")
ROLES = (
    "client director",
    "head of data",
    "partner for energy advisory",
    "people partner",
    "security engineer",
    "senior economist",
)
AREAS = ("advisory", "client service", "research", "technology")
FIRST_NAMES = ("Alex", "Bea", "Chidi", "Daniel", "Freya", "Hamid", "Joanna", "Kofi", "Leila", "Marek", "Niamh", "Ravi")  # fmt: skip
LAST_NAMES = ("Achterberg", "Bianchi", "Dlamini", "Fitzgerald", "Hughes", "Kowalski", "Mensah", "Ng", "Quinn", "Varga")  # fmt: skip
GUESTS = ("Dr Helen Marsh", "Ian Crowther", "Rukhsana Begum", "Sean Delaney", "Victoria Ekwueme")
STAFF: dict[str, tuple[str, ...]] = {
    "marketing": ("Maya Lindqvist", "Tom Okonjo", "Sofia Marquez"),
    "hr": ("Priya Raman", "Callum Reid", "Inês Carvalho"),
    "legal": ("Henrik Baumann", "Adaeze Nwosu"),
    "finance": ("Oliver Grant", "Mei Chen"),
    "it": ("Kwame Asante", "Lena Fischer", "Rory Gallagher"),
    "customer-service": ("Aisha Rahman", "Declan O'Brien", "Yuki Sato"),
    "research": ("Elena Petrova", "Samuel Osei", "Nadia Haddad", "Dimitra Kostas"),
    "events": ("Fionn Byrne", "Zara Ahmed", "Lucas Moreau"),
    "sustainability": ("Hannah Lewis", "Tariq Mahmood"),
}
CAMPAIGNS: dict[str, tuple[str, ...]] = {
    "marketing": ("Winter outlook", "Client first"),
    "hr": ("Careers {year}",),
    "research": ("Open research",),
    "sustainability": ("Net zero by 2035",),
    "customer-service": ("Client first",),
}
HASHTAGS: dict[str, str] = {
    "hr": "#careers",
    "research": "#research",
    "events": "#events",
    "sustainability": "#netzero",
    "it": "#cybersecurity",
}
# Mean stories a week in the ordinary run of things. Legal and Finance are planned by hand (see build()).
RATES: dict[str, float] = {
    "marketing": 1.5,
    "hr": 0.9,
    "it": 0.5,
    "customer-service": 0.8,
    "research": 0.7,
    "events": 0.6,
    "sustainability": 0.45,
}
GENERIC_TIMES = ("09:00", "09:30", "10:00", "11:30", "14:00", "15:30")

# fmt: off
GREEK = dict(zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    ("a", "b", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o", "p", "r", "s", "s", "t", "y", "f",
     "ch", "ps", "o"),
    strict=True,
))
# fmt: on


@dataclass
class Story:
    department: str
    day: dt.date
    title: str
    summary: str
    body: str
    channels: list[str]
    status: str
    story_id: str
    time: str = ""
    timezone: str = ""
    show_department: bool = False
    authors: list[str] = field(default_factory=list)
    due: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    campaign: str = ""
    copy: dict[str, str] = field(default_factory=dict)
    link: str = ""

    def date_value(self) -> dt.date | str:
        return f"{self.day} {self.time}" if self.time else self.day

    def front_matter(self) -> dict[str, Any]:
        """The front-matter as YAML should read it back, in the order it is written."""
        meta: dict[str, Any] = {"id": self.story_id, "title": self.title, "date": self.date_value()}
        if self.timezone:
            meta["timezone"] = self.timezone
        if self.show_department:
            meta["department"] = self.department
        meta["channels"] = list(self.channels)
        meta["status"] = self.status
        if self.authors:
            meta["author"] = self.authors[0] if len(self.authors) == 1 else list(self.authors)
        meta["summary"] = self.summary
        if self.due:
            meta["due"] = self.due
        if self.tags:
            meta["tags"] = list(self.tags)
        if self.campaign:
            meta["campaign"] = self.campaign
        if self.copy:
            meta["copy"] = dict(self.copy)
        if self.link:
            meta["link"] = self.link
        return meta


# --- YAML, written by hand -------------------------------------------------------------------------------

ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
NEEDS_QUOTES = re.compile(r"""[:#"'\\]|^[-?!&*|>%@`,\[\]{}\s]|\s$""")
NEEDS_QUOTES_IN_LIST = re.compile(r"[,\[\]{}]")


def yaml_str(value: str, *, in_list: bool = False) -> str:
    """`value` as a YAML scalar: plain when YAML 1.1 reads it back as the same text, else double-quoted.

    Quoted when it contains `:`, `#`, quotes or a backslash, starts with a YAML indicator or a space, would be
    read as something else (yes/no/on/off, a number, a date, null), or, inside a [flow, list], contains a
    comma or a bracket.
    """
    plain = (
        bool(value)
        and not NEEDS_QUOTES.search(value)
        and not (in_list and NEEDS_QUOTES_IN_LIST.search(value))
        and value.isprintable()
    )
    if plain:
        try:
            plain = yaml.safe_load(value) == value
        except yaml.YAMLError:
            plain = False
    if plain:
        return value
    escaped = "".join(
        ESCAPES.get(char, char if char.isprintable() or char == " " else f"\\u{ord(char):04x}")
        for char in value
    )
    return f'"{escaped}"'


def yaml_list(values: list[str]) -> str:
    return "[" + ", ".join(yaml_str(value, in_list=True) for value in values) + "]"


def render(story: Story) -> str:
    lines = ["---", f"id: {yaml_str(story.story_id)}", f"title: {yaml_str(story.title)}"]
    lines.append(f'date: "{story.day} {story.time}"' if story.time else f"date: {story.day}")
    if story.timezone:
        lines.append(f"timezone: {yaml_str(story.timezone)}")
    if story.show_department:
        lines.append(f"department: {yaml_str(story.department)}")
    lines.append(f"channels: {yaml_list(story.channels)}")
    lines.append(f"status: {story.status}")
    if len(story.authors) == 1:
        lines.append(f"author: {yaml_str(story.authors[0])}")
    elif story.authors:
        lines.append(f"author: {yaml_list(story.authors)}")
    lines.append(f"summary: {yaml_str(story.summary)}")
    if story.due:
        lines.append(f"due: {story.due}")
    if story.tags:
        lines.append(f"tags: {yaml_list(story.tags)}")
    if story.campaign:
        lines.append(f"campaign: {yaml_str(story.campaign)}")
    if story.copy:
        lines.append("copy:")
        lines.extend(f"  {channel}: {yaml_str(text)}" for channel, text in story.copy.items())
    if story.link:
        lines.append(f"link: {yaml_str(story.link)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n" + story.body.rstrip("\n") + "\n"


# --- Slugs and dates --------------------------------------------------------------------------------------


def slugify(title: str, fallback: str) -> str:
    """Lower-case ASCII words joined by hyphens, at most 60 characters; Greek is transliterated, accents dropped.

    Titles with nothing to transliterate (Japanese, say) get `fallback`.
    """
    text = "".join(GREEK.get(char, char) for char in unicodedata.normalize("NFKD", title.lower()))
    words = re.sub(r"[^a-z0-9]+", " ", text.encode("ascii", "ignore").decode()).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 60:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug if re.search("[a-z]", slug) else fallback


def weekday_on_or_after(day: dt.date) -> dt.date:
    """The first working day from `day`: not a weekend, not during the Christmas closure."""
    while day.weekday() >= 5 or holiday(day):
        day += dt.timedelta(days=1)
    return day


def weekday_on_or_before(day: dt.date) -> dt.date:
    """The last working day up to `day`."""
    while day.weekday() >= 5 or holiday(day):
        day -= dt.timedelta(days=1)
    return day


def last_sunday(year: int, month: int) -> dt.date:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() + 1) % 7)


def first_tuesday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(1 - first.weekday()) % 7)


def holiday(day: dt.date) -> bool:
    """The firm closes from Christmas Eve to New Year's Day."""
    return (day.month, day.day) >= (12, 24) or (day.month, day.day) == (1, 1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


# --- The demo ---------------------------------------------------------------------------------------------


class Demo:
    def __init__(
        self, today: dt.date, seed: int, departments: dict[str, Any], channels: dict[str, Any]
    ) -> None:
        self.today = today
        self.start = today - dt.timedelta(days=91)
        self.end = today + dt.timedelta(days=91)
        self.rng = random.Random(seed)
        self.departments = departments
        self.channels = list(channels)
        self.posting_days = {
            key: {WEEKDAYS.index(str(d).lower()[:3]) for d in (entry or {}).get("posting_days") or WEEKDAYS}
            for key, entry in channels.items()
        }
        self.capacity = {key: int((entry or {}).get("max_per_day") or 99) for key, entry in channels.items()}
        self.load: dict[tuple[str, dt.date], int] = {}
        self.stories: list[Story] = []
        self.used_titles: set[tuple[str, str]] = set()
        self.used_once: set[tuple[str, str]] = set()
        self.used_ids: set[str] = set()
        self.issues: list[Story] = []  # the monthly newsletters
        self.busy_mondays: set[dt.date] = set()

    # Random pieces

    def new_id(self) -> str:
        while True:
            candidate = f"{self.rng.getrandbits(48):012x}"
            if candidate not in self.used_ids:
                self.used_ids.add(candidate)
                return candidate

    def context(self, template: Template, day: dt.date) -> dict[str, Any]:
        """Values for the template's slots, drawn once, so the title, summary and body agree."""
        paragraphs = [text for item in template.body for text in ((item,) if isinstance(item, str) else item)]
        texts = (template.title, template.summary, template.lead, *paragraphs, *template.bullets)
        wanted = sorted({name for text in texts for _, name, _, _ in string.Formatter().parse(text) if name})
        rng = self.rng
        pick: dict[str, Callable[[], object]] = {
            "area": lambda: rng.choice(AREAS),
            "attendees": lambda: rng.choice((150, 200, 300, 400)),
            "city": lambda: rng.choice(CITIES),
            "client": lambda: rng.choice(CLIENTS),
            "cut": lambda: rng.randrange(20, 60, 5),
            "days": lambda: rng.randint(3, 9),
            "growth": lambda: rng.randint(4, 12),
            "guest": lambda: rng.choice(GUESTS),
            "n": lambda: rng.randint(3, 8),
            "office_size": lambda: rng.randrange(40, 160, 10),
            "pct": lambda: rng.randint(78, 94),
            "regulation": lambda: rng.choice(REGULATIONS),
            "respondents": lambda: rng.randrange(300, 1600, 50),
            "role": lambda: rng.choice(ROLES),
            "share": lambda: rng.randint(31, 64),
            "suppliers": lambda: rng.choice((40, 60, 80)),
            "tip": lambda: rng.choice(TIPS),
            "topic": lambda: rng.choice(TOPICS),
            "volunteer": lambda: rng.randrange(40, 200, 10),
            "years": lambda: rng.randint(4, 15),
        }
        values: dict[str, Any] = {
            "month": day.strftime("%B"),
            "next_month": add_months(day, 1).strftime("%B"),
            "year": day.year,
            "next_year": day.year + 1,
            "prev_year": day.year - 1,
        }
        if "person" in wanted or "first" in wanted:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            values.update(person=f"{first} {last}", first=first)
        for name in wanted:
            if name in pick:
                values[name] = pick[name]()
        if "share_before" in wanted:
            values["share_before"] = values["share"] - rng.randint(8, 20)
        return values

    def choose_channels(self, day: dt.date, preferred: tuple[str, ...], *, busy: bool = False) -> list[str]:
        """1-3 channels that post on `day`, the template's favourites first; full channels are skipped.

        `busy` stories take every favourite that posts that day, full or not.
        """
        rng = self.rng

        def usable(channel: str) -> bool:
            return day.weekday() in self.posting_days[channel] and (
                busy or self.load.get((channel, day), 0) < self.capacity[channel]
            )

        favourites = [c for c in preferred if c in self.channels]
        wanted = len(favourites) if busy else rng.choices((1, 2, 3), weights=(3, 4, 2))[0]
        chosen = [c for c in favourites if usable(c)][:wanted]
        if not chosen:
            others = [c for c in self.channels if usable(c)]
            chosen = others[:1] or [
                next((c for c in self.channels if day.weekday() in self.posting_days[c]), self.channels[0])
            ]
        for channel in chosen:
            self.load[(channel, day)] = self.load.get((channel, day), 0) + 1
        return sorted(chosen, key=self.channels.index)

    def status_for(self, day: dt.date) -> str:
        rng = self.rng
        if day < self.today:
            return rng.choices(("published", "cancelled"), weights=(14, 1))[0]
        ahead = (day - self.today).days
        if ahead <= 10:
            return rng.choices(("scheduled", "review", "draft"), weights=(6, 3, 1))[0]
        if ahead <= 35:
            return rng.choices(("scheduled", "review", "draft", "idea"), weights=(2, 3, 4, 1))[0]
        return rng.choices(("draft", "idea"), weights=(1, 2))[0]

    def set_piece_status(self, day: dt.date) -> str:
        """Set pieces (the busy weeks, the clock-change stories) go ahead: published once past, never cancelled."""
        return "published" if day < self.today else ""

    def pick_template(self, department: str) -> Template | None:
        candidates = [
            t
            for t in TEMPLATES.get(department, GENERIC)
            if not (t.once and (department, t.title) in self.used_once)
        ]
        return self.rng.choice(candidates) if candidates else None

    # Stories

    def add(
        self,
        department: str,
        day: dt.date,
        template: Template,
        *,
        time: str | None = None,
        status: str = "",
        busy: bool = False,
    ) -> Story | None:
        """Write one story from `template`; None when the department already has a story of that title."""
        if department not in self.departments:
            return None
        rng = self.rng
        values = self.context(template, day)
        title = template.title.format(**values)
        # Numbers do not count: one story per client, not one per "8 years with us" and "9 years with us".
        key = (department, re.sub(r"[0-9]+", "#", title))
        if key in self.used_titles:
            return None
        self.used_titles.add(key)
        if template.once:
            self.used_once.add((department, template.title))
        if time is None:
            if template.times and rng.random() < 0.8:
                time = rng.choice(template.times)
            else:
                time = rng.choice(GENERIC_TIMES) if rng.random() < 0.2 else ""
        story = Story(
            department=department,
            day=day,
            title=title,
            summary=template.summary.format(**values),
            body=self.body(department, template, values),
            channels=self.choose_channels(day, template.channels, busy=busy),
            status=status or self.status_for(day),
            story_id=self.new_id(),
            time=time,
            show_department=rng.random() < 0.5,
        )
        staff = STAFF.get(department, STAFF["marketing"])
        story.authors = sorted(rng.sample(staff, 2)) if rng.random() < 0.15 else [rng.choice(staff)]
        self.plan_due(story, planned=bool(status))
        if template.tags and rng.random() < 0.55:
            story.tags = list(template.tags)
        if department in CAMPAIGNS and rng.random() < 0.2:
            story.campaign = rng.choice(CAMPAIGNS[department]).format(year=day.year)
        self.write_copy(story)
        if rng.random() < 0.04:
            story.link = f"{SITE}/{department}/{slugify(title, 'story')}/"
        self.stories.append(story)
        return story

    def plan_due(self, story: Story, *, planned: bool) -> None:
        """Unfinished stories are usually due a few days ahead of their date; only planned lateness is late.

        `planned` means the caller chose the status: it is kept, and a due date in the past becomes today.
        """
        rng = self.rng
        due = weekday_on_or_before(story.day - dt.timedelta(days=rng.randint(2, 9)))
        if story.status in ("draft", "review", "scheduled"):
            if rng.random() < 0.9:
                story.due = due
        elif story.status == "idea":
            story.due = due if rng.random() < 0.3 else None
        elif story.status == "published" and rng.random() < 0.15:
            story.due = due
        if not (story.due and story.due < self.today and story.status in ("draft", "review", "idea")):
            return
        if planned:
            story.due = self.today
        elif story.status == "idea":
            story.due = None
        else:
            story.status = "scheduled"  # finished on time: the overdue drafts are planned in overdue()

    def body(self, department: str, template: Template, values: dict[str, Any]) -> str:
        rng = self.rng
        paragraphs = [
            (item if isinstance(item, str) else rng.choice(item)).format(**values) for item in template.body
        ]
        if template.bullets and rng.random() < 0.7:
            items = "\n".join(f"- {item.format(**values)}" for item in template.bullets)
            paragraphs.insert(1, f"{template.lead.format(**values)}\n\n{items}")
        if len(paragraphs) < 4 and rng.random() < 0.4:
            name = (self.departments.get(department) or {}).get("name", department)
            paragraphs.append(f"Questions about this story? The {name} team is happy to help.")
        return "\n\n".join(paragraphs)

    def write_copy(self, story: Story) -> None:
        rng = self.rng
        if "linkedin" in story.channels and rng.random() < 0.45:
            story.copy["linkedin"] = f"{story.summary} Read the full story on our website."
        if "twitter" in story.channels and rng.random() < 0.5:
            tag = HASHTAGS.get(story.department, "#AlderBay")
            story.copy["twitter"] = f"{story.summary} {tag}"

    # The plan

    def build(self) -> list[Story]:
        self.newsletters()  # first, so they get their Tuesday slot in the newsletter
        self.busy_weeks()
        self.clock_changes()
        self.quiet_departments()
        self.special_titles()
        self.overdue()
        self.ordinary_weeks()
        self.fill_newsletters()
        return sorted(self.stories, key=lambda s: (s.day, s.time, s.department, s.title))

    def ordinary_weeks(self) -> None:
        """Each department's everyday stories, at its usual rate: a running total with a little jitter."""
        rng = self.rng
        owed = {department: rng.random() for department in sorted(self.departments)}
        week = self.start - dt.timedelta(days=self.start.weekday())
        while week <= self.end:
            ahead = (week - self.today).days
            thinning = 1.0 if ahead <= 28 else 0.75 if ahead <= 56 else 0.5  # the far future is less planned
            if week in self.busy_mondays:
                thinning *= 0.3  # the busy weeks crowd out everyday stories
            for department in sorted(self.departments):
                if department in ("legal", "finance"):
                    continue
                owed[department] += RATES.get(department, 0.5) * thinning
                count = max(0, min(2, int(owed[department] + rng.uniform(-0.35, 0.35))))
                owed[department] -= count
                for _ in range(count):
                    day = week + dt.timedelta(days=rng.choices(range(5), weights=(3, 4, 3, 4, 2))[0])
                    template = self.pick_template(department)
                    if template and self.start <= day <= self.end and not holiday(day):
                        self.add(department, day, template)
            week += dt.timedelta(weeks=1)

    def quiet_departments(self) -> None:
        """Legal stops ten weeks before today with nothing planned; Finance publishes three times in six months."""
        last_legal = self.today - dt.timedelta(weeks=10)
        for offset, template in zip((2, 8, 15, 19), TEMPLATES["legal"], strict=True):
            day = weekday_on_or_after(self.start + dt.timedelta(days=offset))
            if day <= last_legal:
                self.add("legal", day, template)
        invoices, results, card = TEMPLATES["finance"]
        self.add("finance", weekday_on_or_after(self.today - dt.timedelta(days=75)), invoices)
        self.add("finance", weekday_on_or_after(self.today - dt.timedelta(days=33)), results, time="07:00")
        payments = self.add(
            "finance", weekday_on_or_after(self.today + dt.timedelta(days=61)), card, status="idea"
        )
        if payments:
            payments.tags = [str(self.today.year + 1), "billing"]  # "2027" must stay text, not a number

    def newsletters(self) -> None:
        """Marketing's monthly newsletter goes out on the first Tuesday; its contents are filled in last."""
        month = dt.date(self.start.year, self.start.month, 1)
        issue = 37
        while month <= self.end:
            day = first_tuesday(month.year, month.month)
            if self.start <= day <= self.end and "marketing" in self.departments:
                template = T(
                    f"The Alder Bay Review, issue #{issue}: {day:%B}",
                    f"The {day:%B} newsletter: a round-up of stories from every department.",
                    ("placeholder",),
                    channels=("newsletter", "website"),
                )
                story = self.add("marketing", day, template, time="07:30")
                if story:
                    story.copy = {}
                    self.issues.append(story)
                issue += 1
            month = add_months(month, 1)

    def fill_newsletters(self) -> None:
        for issue in self.issues:
            window = [
                s
                for s in sorted(self.stories, key=lambda s: (s.day, s.department, s.title))
                if issue.day - dt.timedelta(days=28) <= s.day < issue.day
                and s.status != "cancelled"
                and all(s is not other for other in self.issues)
            ]
            picked: list[Story] = []
            for story in window:
                if story.department not in {p.department for p in picked} and len(picked) < 5:
                    picked.append(story)
            names = {key: (entry or {}).get("name", key) for key, entry in self.departments.items()}
            items = "\n".join(f"- **{names[s.department]}**: {s.title}" for s in picked)
            issue.body = "\n\n".join(
                [
                    f"Welcome to the {issue.day:%B} issue of the Alder Bay Review, our monthly round-up for clients "
                    "and friends of the firm.",
                    f"This month:\n\n{items}" if picked else "A quiet month: more next time.",
                    "You receive this newsletter because you are a client or asked us for it. Reply to unsubscribe.",
                ]
            )

    def busy_weeks(self) -> None:
        """Two weeks in which many departments publish at once.

        The Forum (Tuesday to Thursday, two weeks ahead) puts more on LinkedIn on its opening day than LinkedIn
        takes; Open Research Week, six weeks ago, was planned within the channels' limits.
        """
        forum_week = self.today + dt.timedelta(days=14 - self.today.weekday())
        research_week = self.today - dt.timedelta(days=42 + self.today.weekday())
        self.busy_mondays.update((forum_week, research_week))
        forum = f"Alder Bay Forum {forum_week.year}"
        save_the_date = T(
            f"Save the date: {forum}",
            "Our annual client conference returns, with three days of talks, workshops and a dinner.",
            (
                "The Alder Bay Forum returns for its ninth year, in Manchester, from Tuesday to Thursday: three "
                "days of talks and workshops for the leaders of mid-sized organisations.",
                "Registration opens next month. Clients of the firm attend free of charge.",
            ),
            channels=("website", "linkedin", "twitter"),
        )
        announced = weekday_on_or_after(forum_week - dt.timedelta(days=45))
        self.add("events", announced, save_the_date, time="", status=self.set_piece_status(announced))
        forum_plan = [
            ("events", 0, "09:00", f"{forum}: the programme", "Every talk, workshop and speaker at this year's Forum."),
            ("marketing", 1, "", "Live from the Forum: how to follow along", "Where to watch, read and ask questions during the Forum."),
            ("research", 1, "10:30", "Forum keynote: the mid-market in five charts", "Our head of research opens the Forum with five charts on the year ahead."),
            ("customer-service", 1, "14:00", "Client panel at the Forum, with Oakline Energy", "Three clients on what they want from their advisers, in their own words."),
            ("hr", 2, "", "Meet the people who run the Forum", "Forty colleagues, three days, one very long checklist."),
            ("sustainability", 2, "", "A lower-carbon Forum: what we measured", "The Forum's footprint, from travel to catering, and how we cut it."),
            ("it", 3, "11:00", "Forum demo: the new client portal", "A first look at the new client portal, live on the Forum stage."),
            ("events", 3, "19:00", "Forum dinner & awards: the shortlist", "The clients and colleagues shortlisted for this year's Forum awards."),
            ("marketing", 4, "", "The Forum in photos", "Three days of the Forum in forty photographs."),
            ("events", 4, "16:00", "Forum recordings are now online", "Every talk from the Forum, recorded and free to watch."),
        ]  # fmt: skip
        for department, offset, time, title, summary in forum_plan:
            day = forum_week + dt.timedelta(days=offset)
            template = self.busy_template(title, summary, "the Forum")
            story = self.add(
                department, day, template, time=time, busy=True, status=self.set_piece_status(day)
            )
            if story:
                story.campaign = forum
        outlook = f"The mid-market outlook {research_week.year}"
        research_plan = [
            ("research", 0, "09:30", f"{outlook}: the report", "Our annual outlook for mid-sized organisations, with data from 1,200 firms."),
            ("research", 1, "", "Open Research Week: the data behind the outlook", "Every table in the outlook, free to download and reuse."),
            ("events", 1, "12:30", "Webinar: the mid-market outlook, explained", "The authors of the outlook take your questions for an hour."),
            ("marketing", 2, "", "Ten charts from the mid-market outlook", "The outlook's findings in ten charts you can share."),
            ("customer-service", 2, "", "What clients told us for the outlook", "Twelve clients on the year they expect, in their own words."),
            ("sustainability", 3, "", "Climate risk in the mid-market: the numbers", "What the outlook says about climate risk in smaller firms."),
            ("it", 3, "", "Open data: the outlook as a spreadsheet", "Download every figure in the outlook as a spreadsheet."),
            ("hr", 4, "", "Meet our research analysts", "The eight people behind the outlook, and what they do all year."),
        ]  # fmt: skip
        for department, offset, time, title, summary in research_plan:
            day = research_week + dt.timedelta(days=offset)
            template = self.busy_template(title, summary, "Open Research Week")
            story = self.add(
                department, day, template, time=time, busy=True, status=self.set_piece_status(day)
            )
            if story:
                story.campaign = "Open Research Week"

    def busy_template(self, title: str, summary: str, occasion: str) -> Template:
        return T(
            title,
            summary,
            (
                f"{summary} This story is part of {occasion}.",
                (
                    "We will add the slides and recordings here as soon as they are available.",
                    "Follow along on LinkedIn and Twitter/X, where we post as it happens.",
                    "Everything is free to share; please credit Alder Bay Partners.",
                ),
            ),
            channels=("website", "linkedin", "twitter"),
        )

    def clock_changes(self) -> None:
        """Timed stories around the European clock changes (last Sundays of March and October)."""
        horizon = self.today + dt.timedelta(days=130)  # far enough ahead to reach the spring change
        changes = [
            last_sunday(year, month)
            for year in range(self.start.year, horizon.year + 1)
            for month in (3, 10)
            if self.start <= last_sunday(year, month) <= horizon
        ]
        for sunday in changes:
            season = "spring" if sunday.month == 3 else "winter"
            before = T(
                f"Webinar: {season} planning for finance teams ({sunday:%B %Y})",
                f"An hour on budgets, cash flow and {season} planning, with time for questions.",
                (
                    "Our advisers share the checklist they use with clients before each season, then take your "
                    "questions.",
                    f"Note that the clocks change on {sunday:%A %d %B}: the webinar starts at the time shown, "
                    "UK time.",
                ),
                channels=("website", "linkedin"),
            )
            after = T(
                f"Client breakfast: the {season} outlook ({sunday:%B %Y})",
                f"Coffee and a conversation about the {season} ahead, the morning after the clocks change.",
                (
                    f"Start the week after the clocks change with our {season} outlook, over breakfast in Manchester.",
                    "We finish by 10am so you can be at your desk for the rest of the day.",
                ),
                channels=("website", "linkedin"),
            )
            friday, monday = sunday - dt.timedelta(days=2), sunday + dt.timedelta(days=1)
            self.add("events", friday, before, time="16:00", status=self.set_piece_status(friday))
            self.add("events", monday, after, time="08:30", status=self.set_piece_status(monday))
            if sunday.month == 10:
                # 01:30 happens twice when the clocks go back; the first one is meant.
                maintenance = T(
                    "Planned maintenance: the client portal is offline overnight",
                    "The client portal is offline for up to three hours while we upgrade its servers.",
                    (
                        "We are upgrading the servers behind the client portal overnight, when it is least used. "
                        "The portal will be unavailable from 1:30am for up to three hours.",
                        "Your documents are not affected, and nothing needs doing on your side.",
                    ),
                    channels=("website",),
                )
                self.add("it", sunday, maintenance, time="01:30", status=self.set_piece_status(sunday))
        briefing = T(
            "New York briefing: {topic} for US clients",
            "A morning briefing in our New York partner's office on {topic}, for clients with US operations.",
            (
                "For clients with operations in the United States, our research team is in New York to brief you "
                "on {topic}.",
                "The briefing starts at 11am New York time and is streamed for colleagues in Europe.",
            ),
            channels=("linkedin", "website"),
        )
        story = self.add(
            "research", weekday_on_or_after(self.today + dt.timedelta(days=24)), briefing, time="11:00"
        )
        if story:
            story.timezone = "America/New_York"

    def special_titles(self) -> None:
        """Titles with commas, a semicolon, quotes, an ampersand, emoji, Japanese and Greek."""
        specials = [
            (
                "customer-service",
                -40,
                T(
                    "Kestrel Foods, Harbour Health & Meridian: three clients; one lesson",
                    "Three very different clients, and the same lesson about starting small.",
                    (
                        "A food producer, a health trust and a housing association: three clients with little in "
                        "common, who all told us the same thing this year.",
                        "Each started with one small, visible change, and only then planned the big one.",
                    ),
                    channels=("blog", "linkedin"),
                    tags=("clients",),
                ),
            ),
            (
                "marketing",
                -19,
                T(
                    '"Ask an adviser" is back: your questions, our partners 🎙️',
                    "Our question-and-answer series returns, with a new partner answering every month.",
                    (
                        'After a summer break, "Ask an adviser" returns. Send us a question and a partner answers it '
                        "in the next edition.",
                        "Questions can be anonymous. The most popular ones become short videos.",
                    ),
                    channels=("blog", "twitter", "linkedin"),
                ),
            ),
            (
                "customer-service",
                0,
                T(
                    "東京の顧客事例：さくら商事",
                    "How Sakura Trading in Tokyo works with our Manchester team, nine time zones apart.",
                    (
                        "Sakura Trading has imported British food to Japan for thirty years. Our Manchester team "
                        "helps it plan for changes in trade rules.",
                        "This story is published in Japanese for our clients in Japan; an English version follows.",
                    ),
                    channels=("website", "linkedin"),
                    tags=("clients", "japan"),
                ),
            ),
            (
                "research",
                19,
                T(
                    "Έρευνα: η αγορά ενέργειας το {next_year}",
                    "Our energy-market research, summarised in Greek for clients in Athens and Thessaloniki.",
                    (
                        "Our research on energy prices, translated for our clients in Greece, with figures for "
                        "the Greek market.",
                        "The English report is on our website.",
                    ),
                    channels=("website", "linkedin"),
                    tags=("research", "energy"),
                ),
            ),
            (
                "hr",
                38,
                T(
                    "Celebrating 25 years with Margaret O'Neill 🎉",
                    "Margaret joined as a trainee in our Belfast office and now leads it.",
                    (
                        "Twenty-five years ago Margaret O'Neill joined our Belfast office as a trainee. Today she "
                        "leads it, and has trained more of our partners than anyone else.",
                        "Join us for cake in Belfast, or leave a message on the intranet.",
                    ),
                    channels=("linkedin", "website"),
                    tags=("people",),
                ),
            ),
        ]
        for department, offset, template in specials:
            self.add(department, weekday_on_or_after(self.today + dt.timedelta(days=offset)), template)

    def overdue(self) -> None:
        """Three drafts whose due date has passed, one story that missed its date, and the over-long tweet."""
        rng = self.rng
        for department, status, ahead in (("marketing", "draft", 2), ("hr", "review", 4), ("it", "draft", 8)):
            template = self.pick_template(department)
            day = weekday_on_or_after(self.today + dt.timedelta(days=ahead))
            story = self.add(department, day, template, status=status) if template else None
            if story:
                story.due = self.today - dt.timedelta(days=rng.randint(2, 6))
        late = T(
            "Our supplier code of conduct, updated",
            "What we expect of the firms we buy from, on climate, fair pay and data.",
            (
                "We have updated the code of conduct every supplier signs. It now includes targets for cutting "
                "emissions and a commitment to pay at least the real living wage.",
                "Suppliers have until the end of next year to sign the new version.",
            ),
            channels=("website",),
            once=True,
        )
        story = self.add(
            "sustainability", weekday_on_or_before(self.today - dt.timedelta(days=3)), late, status="review"
        )
        if story:
            story.due = story.day - dt.timedelta(days=7)
        outlook = T(
            "Winter outlook: what clients told us",
            "The twelve things clients expect from the winter, from energy bills to hiring.",
            (
                "We asked two hundred clients what they expect from the coming winter. Most are cautious, few "
                "are gloomy, and almost all are hiring.",
                "The full results are on our website, with a short video from our chief economist.",
            ),
            channels=("twitter", "website"),
        )
        day = weekday_on_or_after(self.today + dt.timedelta(days=3))
        while not all(
            self.load.get((c, day), 0) < self.capacity[c]
            for c in ("website", "twitter")
            if c in self.channels
        ):
            day = weekday_on_or_after(day + dt.timedelta(days=1))
        story = self.add("marketing", day, outlook, status="review", busy=True)  # busy: both channels, always
        if story:
            story.campaign = "Winter outlook"
            story.copy = {
                "twitter": (
                    "Winter outlook: we asked 200 clients what they expect from the coming months. Most are "
                    "cautious, few are gloomy and almost all of them are hiring. Energy bills, late payments and "
                    "interest rates top the list of worries, while AI and new markets top the list of hopes. "
                    f"Read all twelve findings and watch our chief economist: {SITE}/outlook"
                )
            }


# --- Checks -----------------------------------------------------------------------------------------------


def tweet_weight(text: str) -> int:
    """A conservative Twitter/X length: characters beyond Latin count twice, as Twitter counts them."""
    return sum(1 if ord(char) < 0x1100 else 2 for char in text)


def check(
    root: Path, stories: list[Story], paths: list[Path], departments: list[str], channels: list[str]
) -> list[str]:
    """Everything that is wrong with what was written; empty when all is well."""
    problems: list[str] = []
    slugs: set[tuple[str, str]] = set()
    long_tweets = 0
    for story, path in zip(stories, paths, strict=True):
        where = path.relative_to(root).as_posix()
        if "twitter" in story.copy and tweet_weight(story.copy["twitter"]) > 280:
            long_tweets += 1
        text = path.read_text(encoding="utf-8")
        _, header, _ = text.split("---\n", 2)
        try:
            meta = yaml.safe_load(header)
        except yaml.YAMLError as error:
            problems.append(f"{where}: not valid YAML: {error}")
            continue
        expected = story.front_matter()
        if meta != expected or list(meta) != list(expected):
            problems.append(f"{where}: front-matter reads back as {meta!r}, expected {expected!r}")
        slug = path.stem[11:]
        if (
            not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
            or len(slug) > 64
            or (story.department, slug) in slugs
        ):
            problems.append(f"{where}: bad or repeated slug {slug!r}")
        slugs.add((story.department, slug))
        if not re.fullmatch("[0-9a-f]{12}", story.story_id):
            problems.append(f"{where}: id {story.story_id!r} is not 12 hex digits")
        if re.search(r"[<>\n]", story.title):
            problems.append(f"{where}: title contains <, > or a line break")
        if story.department not in departments or not set(story.channels) <= set(channels):
            problems.append(f"{where}: department or channel not in the registry")
        if not 1 <= len(story.channels) <= 3 or not set(story.copy) <= set(story.channels):
            problems.append(f"{where}: {len(story.channels)} channels, copy for {sorted(story.copy)}")
    if long_tweets != 1:
        problems.append(f"{long_tweets} over-long tweets; exactly one is intended")
    ids = [story.story_id for story in stories]
    if len(set(ids)) != len(ids):
        problems.append("two stories share an id")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--today", default="2026-11-23", type=dt.date.fromisoformat, help="default: 2026-11-23"
    )
    parser.add_argument("--seed", default=7, type=int, help="default: 7")
    parser.add_argument("--root", default=".", type=Path, help="the repository root (default: .)")
    args = parser.parse_args()
    root: Path = args.root
    departments = yaml.safe_load((root / "calendar/departments.yml").read_text(encoding="utf-8")) or {}
    channels = yaml.safe_load((root / "calendar/channels.yml").read_text(encoding="utf-8")) or {}
    if not departments or not channels:
        print(
            "make_demo: calendar/departments.yml and calendar/channels.yml must not be empty", file=sys.stderr
        )
        return 1
    folder = root / "content" / "stories"
    for old in sorted(folder.rglob("*.md")):
        old.unlink()
    for directory in sorted((p for p in folder.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()

    stories = Demo(args.today, args.seed, departments, channels).build()
    paths: list[Path] = []
    taken: set[tuple[str, str]] = set()
    for story in stories:
        base = slugify(story.title, f"story-{story.story_id[:6]}")
        slug, number = base, 2
        while (story.department, slug) in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add((story.department, slug))
        path = folder / story.department / f"{story.day}-{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(story), encoding="utf-8", newline="\n")
        paths.append(path)

    problems = check(root, stories, paths, sorted(departments), list(channels))
    for problem in problems:
        print(f"make_demo: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"make_demo: wrote {len(stories)} stories into {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
