"""English templates for person-probe-3.

Mini-syntax (rendered by gen.py):
  {p1}            full name of person p1 (PERSON span)
  {p1.FORM}       other written forms (PERSON span): given, sur, init, init2,
                  mid, caps, capsrev, slash, rev, voc, givencaps, surcaps
  {L:pool}        look-alike drawn from pools.LOOK (no span, recorded in meta)
  {F:pool}        neutral filler (dates, amounts, refs ...)
  [[text]]        fixed look-alike written into the template (no span)
  [[text|title]]  fixed honorific / job-title look-alike
People specs (keyword args): "lang[:f|m][:word|wsur|multi|plain][:given=X][:sur=Y]".
"""


def T(tid, ctx, kind, n, text, **people):
    return {"id": tid, "ctx": ctx, "kind": kind, "n": n, "text": text,
            "people": people}


TEMPLATES = [
    # ------------------------------------------------------------ person
    T("en_p01", "bank", "person", 2,
      "Hi {p1.given},\n\nYour replacement debit card is on its way and should "
      "arrive within five working days. If it hasn't turned up by {F:date}, "
      "just reply to this message and we'll cancel it.\n\nKind regards,\n{p2}\n"
      "Card Services"),
    T("en_p02", "form", "person", 2,
      "CARDHOLDER: {p1.caps}\nCARD TYPE: VISA DEBIT\nISSUING BRANCH: "
      "{F:city_upper}\nSTATUS: ACTIVE"),
    T("en_p03", "insurance", "person", 2,
      "Policyholder: {p1.rev}\nClaim reference: {F:ref}\nPeril: escape of "
      "water (kitchen)\nLoss adjuster: {p2.init}\nNext step: awaiting photos "
      "from the policyholder"),
    T("en_p04", "hospital", "person", 2,
      "Seen in fracture clinic today by Dr {p1.sur}. Referred by the GP, Dr "
      "{p2.sur}, with a six-week history of knee pain after a fall. X-ray "
      "unremarkable. Plan: MRI, physiotherapy referral, review in six weeks.",
      p2="en:wsur"),
    T("en_p05", "hr", "person", 2,
      "Please join me in welcoming {p1} to the Finance team! {p1.given} joins "
      "us from our {F:city} office and will be working closely with "
      "{p2.given} on the month-end close. Say hello if you spot {p1.given} in "
      "the kitchen."),
    T("en_p06", "support_chat", "person", 2,
      "[14:02] Agent: Hi, you're chatting with {p1.given}. How can I help "
      "today?\n[14:02] Customer: Hi {p1.given}, my parcel shows as delivered "
      "but nothing arrived.\n[14:03] Agent: I'm sorry about that. Let me check "
      "with the courier."),
    T("en_p07", "meeting_notes", "person", 2,
      "Attendees: {p1}, {p2}, {p3.init}\nApologies: {p4}\n\nActions\n- "
      "{p1.given} to circulate the revised budget by {F:date}\n- {p2.given} and "
      "{p4.given} to review the supplier shortlist\n- {p3.sur} to confirm room "
      "bookings for the offsite", p2="en:multi"),
    T("en_p08", "csv", "person", 1,
      "employee_id,full_name,department,start_month\nE{F:num4},{p1},Operations,"
      "{F:ym}\nE{F:num4},\"{p2.rev}\",Legal,{F:ym}\nE{F:num4},{p3},Marketing,"
      "{F:ym}", p3="en:word"),
    T("en_p09", "json", "person", 2,
      "{\"ticket\": \"{F:ref}\", \"requester\": \"{p1}\", \"assignee\": "
      "\"{p2.given}\", \"cc\": [\"{p3}\"], \"priority\": \"high\"}"),
    T("en_p10", "log", "person", 1,
      "2024-05-14T09:12:44Z INFO  auth  login ok display_name=\"{p1}\" "
      "role=approver\n2024-05-14T09:13:02Z WARN  auth  password expires in 3 "
      "days display_name=\"{p1}\""),
    T("en_p11", "travel", "person", 1,
      "PASSENGER: {p1.slash} MR\nFLIGHT: BA{F:num3} LHR-EDI\nSEAT: 14C\n"
      "BOOKING REF: {F:pnr}", p1="en:m:multi"),
    T("en_p11b", "travel", "person", 1,
      "NAME: {p1.slash} MS | FROM: MAN | TO: AMS | GATE: B{F:num2} | "
      "BOARDING 07:40", p1="en:f"),
    T("en_p12", "agency", "person", 2,
      "Dear Mr {p1.sur},\n\nThank you for your application for a residents' "
      "parking permit. Before we can process it we need proof that the "
      "vehicle is registered to you. You can upload this through the council "
      "website.\n\nYours sincerely,\n{p2}\nParking Services", p1="en:m"),
    T("en_p13", "procurement", "person", 1,
      "Quote came in this morning. {p1} (their account manager) confirmed the "
      "unit price holds until {F:date}, and delivery is three weeks from PO. "
      "{p2.given}, can you raise the PO today so we don't lose the slot?"),
    T("en_p14", "hr", "person", 2,
      "Hope you're well, {p1.given}! Quick reminder that {p2.given} is "
      "covering reception on Friday while {p3.given} is on leave.",
      p1="en:word", p2="en:word", p3="en:word"),
    T("en_p15", "procurement", "person", 2,
      "Will {p1.given} be able to sign this off today, or should I ask "
      "{p2.given} instead?", p1="en:word", p2="en:word"),
    T("en_p16", "bank", "person", 2,
      "Mrs {p1.sur} rang about her pension transfer. She spoke to Mr {p2.sur} "
      "last week and was told it would take ten working days; it has now been "
      "three weeks. Please call her back before Friday.",
      p1="en:f:wsur", p2="en:m:wsur"),
    T("en_p17", "meeting_notes", "person", 2,
      "Report prepared by {p1.init2} for the Audit and Risk Committee. "
      "Reviewed by {p2.init}. Approved for circulation by {p3}."),
    T("en_p18", "hr", "person", 2,
      "{p1}'s expense claim for the {F:city} trip is missing two receipts "
      "(hotel and taxi). Could you chase, {p2.given}? Finance closes the "
      "period on {F:date}."),
    T("en_p19", "form", "person", 1,
      "Signed on behalf of the trustees:\n{p1}, Chair\n{p2}, Treasurer\n{p3}, "
      "Secretary", p1="en:multi", p2="en:multi", p3="en:wsur"),
    T("en_p20", "hospital", "person", 2,
      "Discharge summary\n\n{p1} was admitted through the emergency department "
      "with increasing breathlessness and was managed on Ward 7 under Dr "
      "{p2.sur}. A chest X-ray showed a small left-sided effusion, which "
      "settled with antibiotics. She mobilised well with the physiotherapists "
      "and was discharged home on day four. Follow-up has been arranged with "
      "the respiratory nurse specialist, {p3}, in four weeks. Please contact "
      "the ward if you have any concerns.", p1="en:f"),
    T("en_p21", "markdown", "person", 1,
      "| Name | Role | Ext. |\n|---|---|---|\n| {p1} | Team lead | {F:num3} |\n"
      "| {p2} | Analyst | {F:num3} |\n| {p3.caps} | Contractor | – |",
      p2="en:wsur"),
    T("en_p22", "insurance", "person", 2,
      "Claimant name: {p1}\nRelationship to policyholder: spouse\n"
      "Policyholder name: {p2}\nDeclaration signed by: {p1.init}"),
    T("en_p23", "support_chat", "person", 1,
      "Thanks for your patience today. If anything else comes up, just reply "
      "to this thread and it'll come straight back to me.\n\nCheers,\n"
      "{p1.given}\nCustomer Care", p1="en:word"),
    T("en_p24", "hr", "person", 2,
      "Reference request\n\nDear {p2.given},\n\n{p1} has applied for the post "
      "of Senior Planner with us and has given your name as a referee. We "
      "would be grateful if you could comment on their reliability, "
      "time-keeping and any disciplinary matters during the period they "
      "worked for you. A short reply is fine.\n\nMany thanks,\n{p3}\n"
      "Recruitment"),
    T("en_p25", "meeting_notes", "person", 2,
      "Stand-up recap: {p1.given} is blocked on the API keys, {p2.given} "
      "finished the migration script, {p3.given} is off sick today. "
      "{p4.given} will chase the vendor after lunch.", p2="en:word"),
    T("en_p26", "bank", "person", 1,
      "Joint account holders: {p1.caps} and {p2.caps}\nAccount type: Instant "
      "Saver\nStatements: paperless", p2="en:wsur"),
    T("en_p27", "insurance", "person", 2,
      "Dear Ms {p1.sur},\n\nWe have now reviewed the documents sent by your "
      "broker, {p2}, and are pleased to confirm that your claim has been "
      "accepted. A payment of {F:amount} will be made within ten working "
      "days.\n\nYours sincerely,\nClaims Department", p1="en:f"),
    T("en_p28", "agency", "person", 1,
      "Case officer: {p1}\nApplicant: {p2.caps}\nDecision: approved\nNotes: "
      "applicant attended the interview with her sister, {p3.given}, who "
      "interpreted.", p2="en:f", p3="en:f"),
    T("en_p29", "log", "person", 2,
      "[payroll-export] row 118 skipped: employee \"{p1.rev}\" has no cost "
      "centre\n[payroll-export] row 212 skipped: employee \"{p2.rev}\" has no "
      "cost centre\n[payroll-export] finished with 2 warnings"),
    T("en_p30", "travel", "person", 2,
      "Hi {p1.given}, your taxi from the hotel is booked for 06:15. The "
      "driver, {p2.given}, will wait in the lobby with a name board. Safe "
      "travels! – {p3.given}, Travel Desk"),
    T("en_p31", "form", "person", 1,
      "Approved: {p1.mid}\nWitnessed: {p2.init2}"),
    T("en_p32", "hr", "person", 1,
      "Prof. {p1.sur}'s lecture has moved to Thursday; {p2.given} from the "
      "department office will send round the new room details."),

    # ------------------------------------------------------------ mixed
    T("en_m01", "procurement", "mixed", 1,
      "{p1} in procurement wants to know whether we are standardising on "
      "[[Bosch]] or [[Makita]] for the site drills. {p1.given} needs an answer "
      "before the [[DeWalt]] framework expires."),
    T("en_m02", "hospital", "mixed", 1,
      "Dr {p1.sur} has confirmed early-stage [[Parkinson's disease]]. Mr "
      "{p2.sur} would like a second opinion at the [[Mayo Clinic]] and has "
      "asked whether the [[Hoehn and Yahr]] staging will be repeated there.",
      p2="en:m"),
    T("en_m03", "meeting_notes", "mixed", 1,
      "Meeting moved to the [[Turing]] room. {p1.given}, please bring the "
      "printed [[Gantt chart]]; {p2.given} will walk us through the [[Monte "
      "Carlo]] results.", p1="en:word"),
    T("en_m04", "procurement", "mixed", 1,
      "Our account at [[Fisher & Paykel]] is now handled by {p1} – no "
      "relation, she says, despite the surname. Please copy {p2.given} on "
      "anything involving the [[Smith & Nephew]] contract.",
      p1="en:f:sur=Fisher"),
    T("en_m05", "form", "mixed", 1,
      "{p1.caps}\nSenior Associate, [[Baker McKenzie]]\nPreviously: "
      "[[Herbert Smith Freehills]]"),
    T("en_m06", "travel", "mixed", 1,
      "Flight update: {p1.given}'s connection through [[John F. Kennedy "
      "International Airport]] was cancelled, so {p1.given} now lands at "
      "[[Ronald Reagan Washington National Airport]] instead. {p2} will "
      "collect from arrivals."),
    T("en_m07", "log", "mixed", 1,
      "Hi {p1.given}, quick update: the [[Grace Hopper]] nodes in rack 4 are "
      "back online, so your [[RoBERTa]] fine-tuning job can restart. – "
      "{p2.given}", p1="en:f:given=Grace"),
    T("en_m08", "support_chat", "mixed", 1,
      "Order for {p1}: one [[Ted Baker]] coat (refunded), two [[Calvin "
      "Klein]] shirts (dispatched). Handled by {p2.given}."),
    T("en_m09", "travel", "mixed", 1,
      "Ms {p1.sur} flies to [[Sydney]] on Tuesday and on to [[Adelaide]] on "
      "Thursday; {p2.given} has the full itinerary.", p1="en:f"),
    T("en_m10", "csv", "mixed", 1,
      "supplier,contact\n[[Johnson & Johnson]],{p1}\n[[Procter & Gamble]],"
      "{p2}\n[[Black & Decker]],\"{p3.rev}\""),
    T("en_m11", "meeting_notes", "mixed", 1,
      "Thanks to {p1} for the walkthrough of the [[Kaplan-Meier]] curves and "
      "to {p2.init} for fitting the [[Cox]] model. Next week: [[Bayesian]] "
      "sensitivity analysis with {p3.given}."),
    T("en_m12", "hr", "mixed", 1,
      "{p1.given} has been offered a [[Fulbright]] scholarship and will defer "
      "the start date. {p2}, can you update the HR record?"),
    T("en_m13", "insurance", "mixed", 1,
      "Mr {p1.sur} has traded in his [[Ford]] Focus for a [[Porsche]] Macan "
      "and wants the motor policy updated from Monday.", p1="en:m:sur=Ford"),

    # ------------------------------------------------------------ lookalike
    T("en_l01", "support_chat", "lookalike", 2,
      "[[Dear Sir or Madam|title]],\n\nI bought a {L:brand_appliance} kettle "
      "from your {L:retail_en} store on {F:date} and it stopped working after "
      "two weeks. Please let me know how to return it for a refund.\n\nYours "
      "faithfully,\nA disappointed customer"),
    T("en_l02", "bank", "lookalike", 1,
      "Statement summary: incoming transfer from {L:bank_named}; direct debit "
      "to {L:insurer_named}; card purchases at {L:retail_en} and "
      "{L:possessive_brand}."),
    T("en_l03", "bank", "lookalike", 2,
      "The desk priced the options with a [[Black-Scholes]] model and "
      "stress-tested the book with a {L:fin_model}. The {L:fin_ratio} fell to "
      "0.8 after the rebalancing."),
    T("en_l04", "hospital", "lookalike", 2,
      "Referral: suspected {L:disease_en}. Differential diagnosis includes "
      "{L:disease_en}. Please assess at {L:hospital_en} within two weeks."),
    T("en_l05", "meeting_notes", "lookalike", 1,
      "Room bookings for Thursday\n- {L:room}: 09:00–10:30 budget review\n- "
      "{L:room}: 11:00 vendor demo\n- {L:room}: all afternoon, interviews"),
    T("en_l06", "travel", "lookalike", 2,
      "Your flight departs from {L:airport} and arrives at {L:airport}. Your "
      "Interrail pass starts the following morning at {L:station}."),
    T("en_l07", "agency", "lookalike", 1,
      "Road closure notice: {L:street_en} will be closed between "
      "{L:street_en} and {L:street_en} from {F:date} for resurfacing works. "
      "Buses will divert via {L:street_en}."),
    T("en_l08", "hr", "lookalike", 2,
      "Job title: [[Head of Procurement|title]]\nReports to: [[Chief "
      "Financial Officer|title]]\nLocation: {L:city_name}\nBenefits: "
      "contributory pension, private medical cover with {L:insurer_named}"),
    T("en_l09", "procurement", "lookalike", 1,
      "Preferred suppliers for FY25: {L:tool_brand} (power tools), "
      "{L:pharma} (first-aid consumables), {L:food_en} (hospitality)."),
    T("en_l10", "support_chat", "lookalike", 2,
      "[customer] Do the {L:tyre} fit my {L:car_brand}?\n[agent] They do for "
      "all models from 2019 onward. Would you like me to book a fitting?"),
    T("en_l11", "meeting_notes", "lookalike", 2,
      "Methods: residuals were approximately [[Gaussian]], so group means "
      "were compared with a {L:stat_test}; p-values were adjusted with the "
      "{L:stat_correction}."),
    T("en_l12", "log", "lookalike", 1,
      "2024-06-02 10:44:17 INFO  scheduler  job nightly-sync on {L:software} "
      "finished in 42s\n2024-06-02 10:44:18 WARN  scheduler  {L:software} "
      "agent build-07 unreachable, retrying"),
    T("en_l13", "json", "lookalike", 2,
      "{\"model\": \"{L:model}\", \"optimizer\": \"[[Adam]]\", \"scheduler\": "
      "\"cosine\", \"hardware\": \"{L:gpu_arch}\"}"),
    T("en_l14", "markdown", "lookalike", 2,
      "# Quarterly Review\n\n## Key wins\n- Signed {L:company_any} as a new "
      "client\n- Renewed the {L:company_any} framework agreement\n\n## Next "
      "steps\n- [[Chief Operating Officer|title]] to confirm headcount\n- "
      "Present to the Board in {L:month_en}"),
    T("en_l15", "bank", "lookalike", 1,
      "[[April]] and [[May]] invoices were paid late; [[June]] is on track and "
      "the [[August]] run will go out early because of the holiday."),
    T("en_l16", "agency", "lookalike", 2,
      "The project received funding from the {L:foundation} and was "
      "shortlisted for the {L:prize}."),
    T("en_l17", "hr", "lookalike", 1,
      "Annual compliance training covers the {L:law_en}, the {L:law_en} and "
      "the UK Bribery Act."),
    T("en_l18", "support_chat", "lookalike", 2,
      "Returns are accepted on {L:designer}, {L:designer} and {L:designer} "
      "items within 28 days, except for sale stock."),
    T("en_l19", "procurement", "lookalike", 2,
      "Catering order for the offsite: {L:food_en} biscuits, {L:food_en} "
      "sauces, {L:drink_named} for the evening and coffee from "
      "{L:coffee_named}."),
    T("en_l20", "procurement", "lookalike", 1,
      "Bar stock check: [[Jack Daniel's]] x3, [[Johnnie Walker]] Black x2, "
      "[[Jim Beam]] x1, [[Captain Morgan]] x4, [[Dr Pepper]] x24."),
    T("en_l21", "hr", "lookalike", 1,
      "[[Dear Hiring Manager|title]],\n\nPlease find attached my application "
      "for the Data Analyst role advertised on your careers page. I would "
      "welcome the chance to discuss it.\n\nYours faithfully"),
    T("en_l22", "hr", "lookalike", 1,
      "Our regional offices are in {L:city_name}, {L:city_name} and "
      "{L:city_name}; the {L:city_name} office closes at noon on Fridays."),
    T("en_l23", "travel", "lookalike", 2,
      "Cruise itinerary: embark the {L:ship} in Southampton on {F:date}, two "
      "sea days, then disembark in Hamburg."),
    T("en_l24", "hr", "lookalike", 1,
      "Applicants from {L:university} and {L:university} are eligible for the "
      "{L:scholarship}."),
    T("en_l25", "hospital", "lookalike", 2,
      "Nursing assessment completed: {L:med_score} recorded, {L:med_score} "
      "reviewed. {L:med_device} removed on day 2."),
    T("en_l26", "insurance", "lookalike", 1,
      "Cover is placed with [[Lloyd's of London]] syndicates via {L:broker}; "
      "{L:insurer_named} leads the marine book this year."),
    T("en_l27", "markdown", "lookalike", 1,
      "[[CHIEF MEDICAL OFFICER|title]] – QUARTERLY BRIEFING\nPrepared for: "
      "[[Board of Directors|title]]\nDistribution: Executive Committee; "
      "[[Head of Nursing|title]]; [[Director of Estates|title]]"),
    T("en_l28", "support_chat", "lookalike", 1,
      "[customer] I ordered from {L:possessive_brand} on Monday and was "
      "charged twice.\n[agent] Sorry about that! I can see both payments; one "
      "will be reversed within 3 days."),
    T("en_l29", "log", "lookalike", 1,
      "Migrating the docs site from [[Jekyll]] to [[Hugo]]. CI stays on "
      "[[Jenkins]] until Q3, then moves to GitHub Actions."),
    T("en_l30", "log", "lookalike", 1,
      "Cluster inventory: 16x [[Hopper]] H100, 8x [[Ada Lovelace]] L40S, 4x "
      "legacy [[Volta]] V100. The [[Blackwell]] order is delayed until next "
      "quarter."),
    T("en_l31", "procurement", "lookalike", 2,
      "Outside counsel panel: {L:law_firm}, {L:law_firm} and {L:law_firm}. "
      "Statutory audit: {L:audit_firm}. Strategy review: {L:consulting}."),
    T("en_l32", "bank", "lookalike", 1,
      "[[Dear Customer|title]],\n\nOur branches will close early on Friday "
      "and reopen on Tuesday after the bank holiday. Online banking is "
      "unaffected.\n\n[[The Branch Manager|title]]"),
    T("en_l33", "travel", "lookalike", 1,
      "Photo stops on the twelve-day European coach tour: {L:square}, "
      "{L:bridge}, {L:square} and {L:bridge}."),
    T("en_l34", "meeting_notes", "lookalike", 1,
      "Classic [[Murphy's law]]: the backup failed on the one night we needed "
      "it. Also a textbook case of [[Conway's law]] – our services mirror the "
      "org chart. Somebody mention the [[Peter principle]] next."),
    T("en_l35", "insurance", "lookalike", 1,
      "Policy exclusions: pre-existing conditions, including {L:disease_en} "
      "and {L:disease_en}, are not covered in the first 24 months."),
    T("en_l36", "hospital", "lookalike", 1,
      "[[Dear Colleague|title]],\n\nThe [[Chair of the Ethics Committee|"
      "title]] has asked all [[Principal Investigators|title]] to confirm "
      "that consent forms follow the [[Declaration of Helsinki]]."),
    T("en_l37", "csv", "lookalike", 1,
      "brand,category\n{L:designer},fashion\n{L:car_brand},automotive\n"
      "{L:pharma},pharmaceuticals\n{L:food_en},food"),
    T("en_l38", "markdown", "lookalike", 1,
      "## Eponymous tools cheat-sheet\n- **[[Gantt]]** – scheduling\n- "
      "**[[Ishikawa]]** – root cause\n- **[[Pareto]]** – prioritisation\n- "
      "**[[Likert]]** – survey scales"),
    T("en_l39", "travel", "lookalike", 2,
      "Your stay at the {L:hotel} is confirmed for two nights. Late checkout "
      "until 14:00 has been added at no extra charge."),
    T("en_l40", "form", "lookalike", 1,
      "Title: [ ] [[Mr|title]] [ ] [[Mrs|title]] [ ] [[Ms|title]] [ ] "
      "[[Dr|title]] [ ] [[Prof.|title]]\nPreferred contact time: Morning / "
      "Afternoon / Evening"),
    T("en_l41", "agency", "lookalike", 2,
      "Planning consent for the extension of {L:hospital_en} has been "
      "granted; the public consultation was held at {L:building_en}."),
    T("en_l42", "travel", "lookalike", 1,
      "Weather update: heavy rain is expected in [[Georgia]] and [[Victoria]] "
      "this weekend, and flights to [[Austin]] and [[Jackson]] may be "
      "delayed."),
    T("en_l43", "meeting_notes", "lookalike", 1,
      "Minutes of the quarterly research governance meeting. The committee "
      "reviewed progress on the [[Alzheimer's disease]] cohort study funded by "
      "the {L:foundation}. Recruitment at {L:hospital_en} is ahead of target, "
      "while the site at {L:hospital_en} has paused enrolment pending a "
      "protocol amendment. The statistician confirmed that the primary "
      "analysis will use a {L:stat_test} with the {L:stat_correction}, and "
      "that survival outcomes will be summarised with [[Kaplan-Meier]] curves. "
      "The [[Chair|title]] thanked the [[Principal Investigator|title]] and "
      "the [[Head of Research Finance|title]] for the update and asked for the "
      "[[Gantt]] chart of the extension phase to be attached to the next "
      "report."),
    T("en_l44", "travel", "lookalike", 1,
      "Conference logistics: delegates arriving at {L:airport} can take the "
      "shuttle to the {L:hotel}, where the welcome reception is sponsored by "
      "{L:company_any}. Day one sessions are in the [[Turing]] and "
      "[[Lovelace]] rooms; day two moves to {L:building_en}. Catering is by "
      "{L:food_en} and {L:coffee_named}, and the closing dinner is on board "
      "the {L:ship}. Please note that [[Tuesday]] is a public holiday in "
      "[[Victoria]], so some shops on {L:street_en} will be closed."),
]
