"""German, French, Spanish, Italian, Portuguese, Dutch, Polish and Swedish
templates for person-probe-3.  Same mini-syntax as templates_en.py."""

from templates_en import T

TEMPLATES = {}

# ====================================================================== de
TEMPLATES["de"] = [
    T("de_p01", "bank", "person", 2,
      "Sehr geehrte Frau {p1.sur},\n\nIhr Dauerauftrag an die Stadtwerke wurde "
      "wie gewünscht zum {F:date} geändert. Kontoinhaberin: {p1.caps}.\n\n"
      "Mit freundlichen Grüßen\n{p2}\nIhre Filiale {F:city}", p1="de:f"),
    T("de_p02", "insurance", "person", 2,
      "Versicherungsnehmer: {p1}\nVersicherte Person: {p2}\nSchadennummer: "
      "{F:ref}\nZuständiger Sachbearbeiter: {p3.init}\nStatus: Gutachten "
      "angefordert", p2="de:multi"),
    T("de_p03", "hospital", "person", 2,
      "Sehr geehrte Kolleginnen und Kollegen,\n\nwir berichten über Ihre "
      "Patientin Frau {p1}, die ab dem {F:date} wegen einer ambulant "
      "erworbenen Pneumonie in unserer stationären Behandlung war. Unter "
      "Antibiose besserte sich der Zustand rasch; die Entlassung erfolgte in "
      "gutem Allgemeinzustand.\n\nMit kollegialen Grüßen\nDr. med. {p2}\n"
      "Oberarzt Innere Medizin", p1="de:f", p2="de:m"),
    T("de_p04", "hr", "person", 2,
      "Hallo {p1.given},\n\nkannst du bitte bis Freitag die Urlaubsanträge von "
      "{p2} und {p3} freigeben? {p4.given} ist diese Woche nicht im Haus.\n\n"
      "Danke und viele Grüße\n{p5.given}", p2="de:wsur", p1="de:word"),
    T("de_p05", "meeting_notes", "person", 2,
      "Protokoll Teamrunde\nAnwesend: {p1}, {p2}, {p3.caps}\nTOP 1 Budget: "
      "Herr {p4.sur} stellt die Hochrechnung vor; Abweichung unter zwei "
      "Prozent.\nTOP 2 Einkauf: Frau {p5.sur} berichtet, dass der "
      "Rahmenvertrag um ein Jahr verlängert wird.\nNächster Termin: {F:date}",
      p4="de:m:wsur", p5="de:f"),
    T("de_p06", "support_chat", "person", 2,
      "Kunde: Guten Tag, ich habe eine Frage zu meiner letzten Rechnung.\n"
      "Agent: Guten Tag, mein Name ist {p1}. Worum geht es genau?\nKunde: Es "
      "wurde zweimal abgebucht.\nAgent: Das korrigiere ich sofort. Vielen "
      "Dank für Ihre Geduld!\nKunde: Danke, {p1.given}!"),
    T("de_m01", "procurement", "mixed", 1,
      "Frau {p1.sur} (Filialleitung bei [[Müller]] in der [[Robert-Koch-"
      "Straße]]) hat die Lieferung von [[Dr. Oetker]] und [[Haribo]] "
      "reklamiert. Herr {p2.sur} aus dem Einkauf kümmert sich darum.",
      p1="de:f:sur=Koch", p2="de:m"),
    T("de_l01", "bank", "lookalike", 2,
      "[[Sehr geehrte Damen und Herren|title]],\n\nbitte senden Sie die "
      "Unterlagen künftig an unsere Niederlassung in der {L:street_de}. Das "
      "Büro in der {L:street_de} ist ab dem {F:date} geschlossen.\n\nMit "
      "freundlichen Grüßen\nIhre Kundenbetreuung"),
    T("de_l02", "meeting_notes", "lookalike", 1,
      "[[Herr Vorsitzender|title]], [[Frau Präsidentin|title]], meine sehr "
      "geehrten Damen und Herren,\n\nich darf Ihnen den Bericht des Vorstands "
      "vorstellen. [[Herr Doktor|title]], Sie hatten nach den Zahlen des "
      "Geschäftsbereichs Süd gefragt – dazu gleich mehr. Auch an Sie, "
      "[[Frau Kollegin|title]], vielen Dank für die Vorbereitung."),
    T("de_l03", "bank", "lookalike", 2,
      "Für die Altersvorsorge kommen sowohl die [[Riester-Rente]] als auch "
      "die [[Rürup-Rente]] in Frage. Das Depot wird bei {L:bank_de} geführt, "
      "die Beratung übernimmt das Team am {L:square_de}."),
    T("de_l04", "procurement", "lookalike", 2,
      "Bestellung Werkzeug: 4x Bohrhammer von {L:tool_brand}, 2x "
      "Hochdruckreiniger von [[Kärcher]], Schrauben und Dübel über "
      "[[Würth]]. Lieferung an das Lager in {L:city_name_de}."),
    T("de_l05", "hospital", "lookalike", 2,
      "Verdacht auf {L:disease_de}, Ausschluss eines [[Cushing-Syndroms]]. "
      "Überweisung an das {L:hospital_de} zur weiteren Abklärung."),
    T("de_l06", "travel", "lookalike", 1,
      "Ihre Reiseverbindung: ICE ab Berlin Hbf, Ankunft am Flughafen "
      "[[Berlin Brandenburg „Willy Brandt“]]. Weiterflug nach München, "
      "Ankunft am Flughafen [[„Franz Josef Strauß“]], Terminal 2."),
    T("de_l07", "agency", "lookalike", 1,
      "Die Anhörung des Ausschusses findet im [[Paul-Löbe-Haus]] statt, die "
      "Vorbesprechung im [[Marie-Elisabeth-Lüders-Haus]]. Das Projekt wird "
      "von der {L:foundation_de} gefördert."),
]

# ====================================================================== fr
TEMPLATES["fr"] = [
    T("fr_p01", "bank", "person", 2,
      "Madame {p1.sur},\n\nNous vous confirmons l'ouverture de votre livret "
      "d'épargne. Votre conseillère, {p2}, reste à votre disposition pour "
      "toute question.\n\nVeuillez agréer, Madame, nos salutations "
      "distinguées.\n\nLe service clientèle", p1="fr:f", p2="fr:f"),
    T("fr_p02", "insurance", "person", 2,
      "Assuré : {p1.caps}\nBénéficiaire : {p2}\nN° de sinistre : {F:ref}\n"
      "Gestionnaire du dossier : {p3.init}\nExpertise prévue le {F:date}",
      p2="fr:multi"),
    T("fr_p03", "hospital", "person", 2,
      "Compte rendu de consultation\n\nM. {p1.sur}, adressé par le Dr "
      "{p2.sur} pour une douleur thoracique atypique. Examen clinique sans "
      "particularité, ECG normal. Pas d'indication à une coronarographie. "
      "Revoir dans trois mois avec un bilan lipidique.",
      p1="fr:m", p2="fr:wsur"),
    T("fr_p04", "hr", "person", 2,
      "Bonjour {p1.given},\n\nJe te transmets la fiche de poste validée par "
      "{p2}. {p3.given} s'occupera de l'accueil du nouvel arrivant lundi "
      "matin.\n\nBonne journée,\n{p4.given}", p1="fr:word"),
    T("fr_p05", "agency", "person", 2,
      "Demandeur : {p1.rev}\nAgent instructeur : Mme {p2.sur}\nObjet : "
      "renouvellement du titre de séjour\nAvis : dossier complet, transmis au "
      "service le {F:date}", p1="fr:multi", p2="fr:f"),
    T("fr_p06", "support_chat", "person", 2,
      "Client : Bonjour, je n'arrive plus à me connecter à l'application.\n"
      "Conseiller : Bonjour, je suis {p1.given}, je regarde ça tout de suite.\n"
      "Client : Merci beaucoup {p1.given} !\nConseiller : C'est réglé. Bonne "
      "soirée !", p1="fr:word"),
    T("fr_m01", "meeting_notes", "mixed", 1,
      "Mme {p1.sur} a réservé la salle [[Victor Hugo]] pour la réunion de "
      "jeudi avec {p2}, acheteur chez [[Peugeot]]. Le déjeuner est prévu à la "
      "brasserie de la [[place Jean Jaurès]].", p1="fr:f", p2="fr:m"),
    T("fr_l01", "bank", "lookalike", 2,
      "[[Madame, Monsieur|title]],\n\nNous vous informons que notre agence "
      "située {L:street_fr} fermera ses portes le {F:date}. Vous serez "
      "accueillis dans nos nouveaux locaux, {L:street_fr}, dès le "
      "lendemain.\n\nVeuillez agréer nos salutations distinguées."),
    T("fr_l02", "bank", "lookalike", 2,
      "Pour votre achat, pensez au dispositif [[Pinel]] ; la surface "
      "[[Carrez]] doit figurer dans le compromis. Financement proposé par "
      "{L:bank_fr}, assurance emprunteur résiliable grâce à la [[loi "
      "Lemoine]]."),
    T("fr_l03", "hospital", "lookalike", 2,
      "Suspicion de {L:disease_fr} ; diagnostic différentiel : "
      "{L:disease_fr}. Transfert prévu vers {L:hospital_fr} pour bilan "
      "complémentaire."),
    T("fr_l04", "procurement", "lookalike", 2,
      "Appel d'offres – cadeaux clients : coffrets {L:brand_fr_food}, "
      "maroquinerie {L:brand_fr_lux} et soins {L:brand_fr_beauty}."),
    T("fr_l05", "travel", "lookalike", 1,
      "Votre vol part de l'aéroport [[Paris-Charles de Gaulle]], terminal 2E. "
      "À l'arrivée, navette vers la [[gare Saint-Lazare]], puis train pour "
      "Rouen."),
    T("fr_l06", "agency", "lookalike", 1,
      "[[Madame la Directrice|title]],\n\nVeuillez trouver ci-joint le dossier "
      "de candidature à la bourse [[Marie Skłodowska-Curie]], ainsi que la "
      "lettre de soutien de l'[[Institut Pasteur]].\n\nJe vous prie d'agréer, "
      "[[Madame la Directrice|title]], l'expression de mes salutations "
      "respectueuses."),
    T("fr_l07", "csv", "lookalike", 1,
      "fournisseur;ville;catégorie\n[[Hermès]];Paris;maroquinerie\n"
      "[[Michelin]];Clermont-Ferrand;pneumatiques\n[[Poulain]];Blois;"
      "chocolat\n[[Pernod Ricard]];Paris;spiritueux"),
]

# ====================================================================== es
TEMPLATES["es"] = [
    T("es_p01", "bank", "person", 2,
      "Estimada Sra. {p1.sur}:\n\nLe informamos de que su tarjeta ha sido "
      "renovada y se la enviaremos en los próximos días. Titular: "
      "{p1.caps}.\n\nAtentamente,\n{p2}\nOficina de {F:city}",
      p1="es:f:wsur"),
    T("es_p02", "insurance", "person", 2,
      "Tomador del seguro: {p1}\nAsegurado: {p2}\nPerito asignado: {p3.init}\n"
      "N.º de siniestro: {F:ref}\nEstado: pendiente de peritación",
      p1="es:multi"),
    T("es_p03", "hospital", "person", 2,
      "Informe de alta\n\nPaciente: {p1}. Médica responsable: Dra. {p2.sur}. "
      "Diagnóstico principal: fractura de radio distal izquierdo. "
      "Tratamiento: inmovilización con férula y analgesia. Revisión en "
      "consultas externas de Traumatología en tres semanas.",
      p1="es:multi", p2="es:f"),
    T("es_p04", "hr", "person", 2,
      "Hola, {p1.given}:\n\n¿Puedes revisar el contrato de {p2} antes del "
      "viernes? {p3.given} ya le ha dado el visto bueno.\n\nUn saludo,\n"
      "{p4.given}", p1="es:word"),
    T("es_p05", "agency", "person", 2,
      "Solicitante: {p1.caps}\nRepresentante legal: D. {p2}\nTrámite: "
      "renovación de la autorización de residencia\nFuncionaria que tramita: "
      "{p3}", p2="es:m", p3="es:f:word"),
    T("es_p06", "support_chat", "person", 2,
      "Cliente: Hola, el pedido no ha llegado todavía.\nAgente: Hola, soy "
      "{p1.given}, del equipo de atención al cliente. Lo reviso ahora mismo.\n"
      "Cliente: Gracias, {p1.given}.\nAgente: Sale hoy del almacén; lo "
      "recibirá el {F:date}."),
    T("es_m01", "hospital", "mixed", 1,
      "La Sra. {p1.sur} tiene cita en el [[Hospital Universitario Ramón y "
      "Cajal]] el {F:date}; la acompañará su hijo, {p2.given}, que trabaja en "
      "[[Loewe]].", p1="es:f", p2="es:m"),
    T("es_l01", "bank", "lookalike", 2,
      "[[Estimado cliente|title]]:\n\nLe recordamos que nuestra oficina de la "
      "{L:street_es} permanecerá cerrada por obras hasta el {F:date}. Puede "
      "acudir a la sucursal de la {L:street_es}.\n\nAtentamente,\nEl equipo "
      "de atención al cliente"),
    T("es_l02", "travel", "lookalike", 2,
      "Vuelo con salida del aeropuerto {L:airport_es} y llegada al aeropuerto "
      "{L:airport_es}. Traslado en tren desde la estación {L:station_es}."),
    T("es_l03", "hospital", "lookalike", 2,
      "Se deriva al {L:hospital_es} por sospecha de {L:disease_es}. Se "
      "solicita valoración preferente."),
    T("es_l04", "procurement", "lookalike", 2,
      "Proveedores homologados para regalos de empresa: {L:brand_es}, "
      "{L:brand_es} y {L:brand_es}."),
    T("es_l05", "agency", "lookalike", 1,
      "[[Muy señores míos|title]]:\n\nAdjuntamos la documentación requerida "
      "para la convocatoria del [[Premio Cervantes]] y para las ayudas de la "
      "[[Fundación Juan March]].\n\nSin otro particular, les saluda "
      "atentamente,\nLa Secretaría"),
    T("es_l06", "csv", "lookalike", 2,
      "proveedor;ciudad;sector\n{L:brand_es_fashion};Madrid;moda\n"
      "{L:brand_es_food};Valencia;alimentación\n{L:brand_es_drink};Jerez;"
      "bebidas"),
]

# ====================================================================== it
TEMPLATES["it"] = [
    T("it_p01", "bank", "person", 2,
      "Gentile Sig.ra {p1.sur},\n\nLa informiamo che il bonifico disposto a "
      "favore di {p2} è stato eseguito in data {F:date}.\n\nCordiali saluti,\n"
      "{p3}\nFiliale di {F:city}", p1="it:f:wsur"),
    T("it_p02", "insurance", "person", 2,
      "Contraente: {p1}\nAssicurato: {p2.caps}\nPerito incaricato: geom. {p3}\n"
      "Numero sinistro: {F:ref}\nStato pratica: in istruttoria",
      p1="it:multi"),
    T("it_p03", "hospital", "person", 2,
      "Lettera di dimissione\n\nIl paziente {p1}, ricoverato per polmonite "
      "comunitaria, è stato seguito dal dott. {p2.sur}. Durante la degenza ha "
      "ricevuto terapia antibiotica con buona risposta clinica. Si consiglia "
      "controllo radiologico tra un mese e rivalutazione dal medico curante, "
      "dott.ssa {p3.sur}.", p1="it:m", p2="it:m", p3="it:f"),
    T("it_p04", "hr", "person", 2,
      "Ciao {p1.given},\n\nti inoltro il CV di {p2}: secondo {p3.given} è il "
      "profilo giusto per il ruolo in amministrazione.\n\nA presto,\n"
      "{p4.given}", p1="it:word"),
    T("it_p05", "meeting_notes", "person", 2,
      "Verbale riunione\nPresenti: {p1}, {p2}, {p3.init}\nAssenti "
      "giustificati: {p4}\nDecisioni: {p1.given} prepara il preventivo entro "
      "venerdì; {p2.given} contatta il fornitore.", p2="it:multi"),
    T("it_p06", "support_chat", "person", 2,
      "Operatore: Buongiorno, sono {p1.given}. Come posso aiutarla?\n"
      "Cliente: Buongiorno, il modem non si accende più.\nOperatore: "
      "Capisco. La metto in contatto con il collega del supporto tecnico, "
      "{p2}.", p2="it:wsur"),
    T("it_m01", "support_chat", "mixed", 1,
      "Gentile {p1}, La informiamo che la Sua [[Alfa Romeo]] è pronta presso "
      "l'officina di [[Via Enrico Fermi]]. Per il ritiro chieda di "
      "{p2.given}."),
    T("it_l01", "bank", "lookalike", 2,
      "[[Gentile Cliente|title]],\n\nLa informiamo che la filiale di "
      "{L:street_it} resterà chiusa per lavori fino al {F:date}. Può "
      "rivolgersi alla sede di {L:street_it}.\n\nCordiali saluti"),
    T("it_l02", "procurement", "lookalike", 2,
      "[[Spett.le Ditta|title]],\n\nin riferimento al Vostro ordine, "
      "confermiamo la disponibilità dei prodotti {L:brand_it} e "
      "{L:brand_it}. La consegna avverrà dal nostro magazzino di "
      "{L:city_name_it}.\n\nDistinti saluti"),
    T("it_l03", "hospital", "lookalike", 2,
      "Si dispone il trasferimento presso {L:hospital_it} con quesito "
      "diagnostico: {L:disease_it}."),
    T("it_l04", "hr", "lookalike", 1,
      "Il contratto è stato stipulato ai sensi della [[legge Biagi]]; per il "
      "requisito pensionistico si applicano le regole della [[riforma "
      "Fornero]]. L'acquisto dei macchinari rientra nella [[Nuova "
      "Sabatini]]."),
    T("it_l05", "travel", "lookalike", 2,
      "Volo in partenza dall'aeroporto {L:airport_it} con arrivo "
      "all'aeroporto {L:airport_it}. Il treno per [[Milano Porta Garibaldi]] "
      "parte alle 18:10."),
    T("it_l06", "meeting_notes", "lookalike", 1,
      "Prenotazioni sale: sala [[Verdi]] 9–11 (comitato rischi), sala "
      "[[Puccini]] 14–16 (formazione), sala [[Montessori]] tutto il giorno."),
    T("it_l07", "json", "lookalike", 1,
      "{\"fornitore\": \"{L:brand_it}\", \"sede\": \"{L:street_it}\", "
      "\"referente\": null, \"note\": \"consegna al piano terra\"}"),
]

# ====================================================================== pt
TEMPLATES["pt"] = [
    T("pt_p01", "bank", "person", 2,
      "Exma. Senhora {p1},\n\nInformamos que o seu novo cartão de débito foi "
      "enviado hoje. Titular: {p1.caps}.\n\nCom os melhores cumprimentos,\n"
      "{p2}\nGestor de Cliente", p1="pt:f:multi", p2="pt:m"),
    T("pt_p02", "insurance", "person", 2,
      "Tomador do seguro: {p1}\nPessoa segura: {p2}\nPerito averiguador: "
      "{p3.init}\nProcesso n.º {F:ref}\nSituação: a aguardar relatório de "
      "peritagem", p1="pt:wsur"),
    T("pt_p03", "hospital", "person", 2,
      "Nota de alta\n\nDoente: {p1.caps}. Internado no Serviço de Medicina "
      "Interna a cargo da Dra. {p2.sur}. Evolução favorável sob "
      "antibioterapia. Alta para o domicílio com indicação para consulta de "
      "seguimento dentro de um mês.", p1="pt:m", p2="pt:f"),
    T("pt_p04", "hr", "person", 2,
      "Olá {p1.given},\n\nPodes validar a proposta de contrato do {p2}? A "
      "{p3.given} já deu parecer favorável.\n\nObrigado,\n{p4.given}",
      p1="pt:word", p2="pt:m", p3="pt:f"),
    T("pt_p05", "agency", "person", 2,
      "Requerente: {p1}\nTécnico responsável: Dr. {p2.sur}\nAssunto: pedido de "
      "renovação de autorização de residência\nParecer: deferido",
      p2="pt:m"),
    T("pt_p06", "support_chat", "person", 2,
      "Cliente: Boa tarde, a minha encomenda chegou incompleta.\nAssistente: "
      "Boa tarde! O meu nome é {p1}, vou verificar já.\nCliente: Obrigada, "
      "{p1.given}.\nAssistente: Vamos enviar a peça em falta sem custos."),
    T("pt_m01", "travel", "mixed", 1,
      "A Sra. {p1.sur} ficou no quarto [[Camões]] e o Sr. {p2.sur} no quarto "
      "[[Pessoa]]; o pequeno-almoço é servido na sala [[Eça de Queiroz]].",
      p1="pt:f", p2="pt:m"),
    T("pt_l01", "bank", "lookalike", 2,
      "[[Prezado Cliente|title]],\n\nA nossa agência da {L:street_pt} "
      "encontra-se encerrada para obras até {F:date}. Poderá dirigir-se à "
      "agência da {L:street_pt}.\n\nCom os melhores cumprimentos"),
    T("pt_l02", "travel", "lookalike", 2,
      "Voo com partida do {L:airport_pt} e chegada ao {L:airport_pt}. Ligação "
      "ferroviária a partir da estação de {L:station_pt}."),
    T("pt_l03", "hospital", "lookalike", 2,
      "Transferência para o {L:hospital_pt} por suspeita de {L:disease_pt}."),
    T("pt_l04", "procurement", "lookalike", 2,
      "Pedido para o evento de fim de ano: vinho do Porto {L:port_pt}, vinho "
      "verde [[Casal Garcia]], conservas {L:conserva_pt} e sabonetes "
      "{L:soap_pt}."),
    T("pt_l05", "agency", "lookalike", 1,
      "[[Exmo. Senhor Presidente do Conselho de Administração|title]],\n\n"
      "Remetemos o relatório anual da [[Fundação Calouste Gulbenkian]] e a "
      "candidatura ao [[Prémio Camões]].\n\nCom os melhores cumprimentos"),
    T("pt_l06", "agency", "lookalike", 1,
      "Curso de formação para agentes: aplicação da [[Lei Maria da Penha]] e "
      "atendimento às vítimas. Local: auditório [[Santos Dumont]], sala "
      "[[Oscar Niemeyer]]."),
    T("pt_l07", "csv", "lookalike", 1,
      "marca;localidade;setor\n[[Jerónimo Martins]];Lisboa;retalho\n"
      "[[Bordallo Pinheiro]];Caldas da Rainha;cerâmica\n[[Salvador "
      "Caetano]];Vila Nova de Gaia;automóvel"),
]

# ====================================================================== nl
TEMPLATES["nl"] = [
    T("nl_p01", "bank", "person", 2,
      "Geachte mevrouw {p1.sur},\n\nUw nieuwe betaalpas is onderweg en wordt "
      "binnen vijf werkdagen bezorgd. Rekeninghouder: {p1.caps}.\n\nMet "
      "vriendelijke groet,\n{p2}\nKlantenservice", p1="nl:f:wsur"),
    T("nl_p02", "insurance", "person", 2,
      "Verzekeringnemer: {p1}\nVerzekerde: {p2}\nSchade-expert: {p3.init}\n"
      "Dossiernummer: {F:ref}\nStatus: wacht op expertiserapport",
      p1="nl:multi"),
    T("nl_p03", "hospital", "person", 2,
      "Ontslagbrief\n\nBetreft: dhr. {p1}. Patiënt werd opgenomen op de "
      "afdeling cardiologie onder behandeling van dr. {p2.sur}. Het herstel "
      "verliep voorspoedig. Controle over zes weken op de polikliniek; bij "
      "klachten contact opnemen met de huisarts.", p1="nl:m"),
    T("nl_p04", "hr", "person", 2,
      "Hoi {p1.given},\n\nKun jij het contract van {p2} nog even checken? "
      "{p3.given} is vandaag vrij.\n\nGroetjes,\n{p4.given}", p1="nl:word"),
    T("nl_p05", "meeting_notes", "person", 2,
      "Notulen teamoverleg\nAanwezig: {p1}, {p2}, {p3}\nAfwezig: {p4.given}\n"
      "Actiepunten: {p2.given} stuurt de offerte door; meneer {p5.sur} belt "
      "de leverancier vóór {F:date}.", p5="nl:m"),
    T("nl_p06", "support_chat", "person", 2,
      "Klant: Hallo, mijn bestelling is nog niet aangekomen.\nMedewerker: "
      "Hallo, u spreekt met {p1.given}. Ik zoek het voor u uit.\nKlant: Dank "
      "je, {p1.given}!\nMedewerker: Het pakket ligt bij het afhaalpunt."),
    T("nl_m01", "hr", "mixed", 1,
      "Mevrouw {p1.sur} werkt bij [[Van der Valk]] en haar collega {p2} bij "
      "[[Van Haren]]; beiden komen naar de workshop in de [[Rembrandtzaal]].",
      p1="nl:f"),
    T("nl_l01", "bank", "lookalike", 2,
      "[[Geachte heer/mevrouw|title]],\n\nOns kantoor aan de {L:street_nl} is "
      "per {F:date} verhuisd naar de {L:street_nl}.\n\nMet vriendelijke "
      "groet,\nDe directie"),
    T("nl_l02", "procurement", "lookalike", 2,
      "Boodschappen voor de vrijdagmiddagborrel besteld bij "
      "{L:brand_nl_retail}; de kerstpakketten komen dit jaar van "
      "{L:brand_nl}."),
    T("nl_l03", "hospital", "lookalike", 2,
      "Verwijzing naar het {L:hospital_nl} wegens verdenking op "
      "{L:disease_nl}."),
    T("nl_l04", "bank", "lookalike", 1,
      "Door de [[Wet Hillen]] daalt het voordeel voor huiseigenaren zonder "
      "hypotheekschuld geleidelijk. Vraag uw adviseur bij [[Van Lanschot]] "
      "naar de gevolgen."),
    T("nl_l05", "meeting_notes", "lookalike", 1,
      "Het routeprobleem lossen we op met het algoritme van [[Dijkstra]]; de "
      "planning staat in het [[Gantt]]-diagram en de risico's in een "
      "[[Ishikawa]]-diagram."),
    T("nl_l06", "travel", "lookalike", 1,
      "Neem de trein naar station [[Amsterdam Lelylaan]] en daarna tram 17. "
      "Het concert is in de [[Johan Cruijff ArenA]]; overnachten kan bij "
      "[[Hotel Van der Valk]]."),
    T("nl_l07", "json", "lookalike", 2,
      "{\"leverancier\": \"{L:brand_nl}\", \"vestiging\": \"{L:street_nl}\", "
      "\"contactpersoon\": null}"),
]

# ====================================================================== pl
TEMPLATES["pl"] = [
    T("pl_p01", "bank", "person", 2,
      "Szanowna Pani,\n\nuprzejmie informujemy, że nowa karta płatnicza "
      "została wysłana pocztą. Posiadacz karty: {p1.caps}.\n\nZ poważaniem\n"
      "{p2}\nDoradca Klienta", p1="pl:f"),
    T("pl_p02", "insurance", "person", 2,
      "Ubezpieczający: {p1}\nUbezpieczony: {p2}\nLikwidator szkody: {p3.init}\n"
      "Numer szkody: {F:ref}\nStatus: oczekuje na oględziny",
      p1="pl:f:multi"),
    T("pl_p03", "hospital", "person", 2,
      "Karta informacyjna leczenia szpitalnego\n\nPacjent: {p1}. Lekarz "
      "prowadzący: dr {p2}. Rozpoznanie: zapalenie płuc. W trakcie "
      "hospitalizacji stosowano antybiotykoterapię z dobrym efektem. "
      "Zalecenia: kontrola w poradni pulmonologicznej za dwa tygodnie.",
      p1="pl:m"),
    T("pl_p04", "hr", "person", 2,
      "Cześć {p1.voc}!\n\nCzy możesz sprawdzić umowę, którą przygotowała "
      "{p2}? {p3.given} jest dziś na urlopie.\n\nPozdrawiam\n{p4.given}",
      p1="pl:f:word", p2="pl:f"),
    T("pl_p05", "agency", "person", 2,
      "Wnioskodawca: {p1.caps}\nPełnomocnik: {p2}\nSprawa: wydanie "
      "zaświadczenia o niezaleganiu\nOsoba prowadząca: {p3}", p2="pl:wsur"),
    T("pl_p06", "support_chat", "person", 2,
      "Klient: Dzień dobry, nie mogę zalogować się do aplikacji.\n"
      "Konsultantka: Dzień dobry, nazywam się {p1}. Już sprawdzam.\nKlient: "
      "Dziękuję, Pani {p1.voc}.\nKonsultantka: Hasło zostało zresetowane.",
      p1="pl:f"),
    T("pl_m01", "meeting_notes", "mixed", 1,
      "Spotkanie: {p1} ([[Wittchen]]) i {p2} ([[Inglot]]), sala "
      "[[Kopernik]], godz. 10:00. Protokół sporządzi {p3.given}."),
    T("pl_l01", "bank", "lookalike", 2,
      "[[Szanowni Państwo|title]],\n\nuprzejmie informujemy, że oddział przy "
      "{L:street_pl} zostanie zamknięty z dniem {F:date}. Zapraszamy do "
      "placówki przy {L:street_pl}.\n\nZ poważaniem\nZespół Obsługi Klienta"),
    T("pl_l02", "travel", "lookalike", 1,
      "Wylot z [[Lotniska Chopina]] w Warszawie, przylot do [[Portu "
      "Lotniczego Gdańsk im. Lecha Wałęsy]]. Drugiego dnia wycieczka do "
      "[[Kazimierza Dolnego]], a na weekend wyjazd do [[Władysławowa]]."),
    T("pl_l03", "hospital", "lookalike", 2,
      "Skierowanie do {L:hospital_pl} z podejrzeniem {L:disease_pl}."),
    T("pl_l04", "procurement", "lookalike", 2,
      "Zamówienie na spotkanie z klientami: czekoladki {L:brand_pl_food}, "
      "kosmetyki {L:brand_pl_cosm}, upominki od {L:brand_pl_gift}."),
    T("pl_l05", "agency", "lookalike", 1,
      "[[Szanowny Panie Prezesie|title]],\n\nw załączeniu przesyłam raport "
      "dotyczący stypendiów [[Fundacji im. Stefana Batorego]] oraz zgłoszenie "
      "do [[Nagrody im. Wisławy Szymborskiej]].\n\nZ wyrazami szacunku\n"
      "Biuro Zarządu"),
    T("pl_l06", "hr", "lookalike", 2,
      "Dni otwarte: {L:university_pl} oraz {L:university_pl}. Zapisy w "
      "sekretariacie do końca miesiąca."),
    T("pl_l07", "log", "lookalike", 1,
      "[INFO] import kontrahentów: \"{L:brand_pl}\" zaktualizowano; "
      "\"{L:brand_pl}\" pominięto (brak NIP)"),
]

# ====================================================================== sv
TEMPLATES["sv"] = [
    T("sv_p01", "bank", "person", 2,
      "Hej {p1.given}!\n\nDitt nya bankkort är på väg och bör komma inom fem "
      "arbetsdagar. Kortinnehavare: {p1.caps}.\n\nVänliga hälsningar\n{p2}\n"
      "Kundtjänst", p1="sv:word"),
    T("sv_p02", "insurance", "person", 2,
      "Försäkringstagare: {p1}\nKund: {p2.rev}\nSkadereglerare: {p3.init}\n"
      "Ärendenummer: {F:ref}\nStatus: inväntar kvitton", p1="sv:multi"),
    T("sv_p03", "hospital", "person", 2,
      "Epikris\n\nPatienten {p1} har vårdats på avdelning 12 för "
      "samhällsförvärvad pneumoni och behandlats med antibiotika med god "
      "effekt. Ansvarig läkare: {p2}. Uppföljning hos distriktssköterska "
      "{p3.given} inom två veckor.", p2="sv:wsur"),
    T("sv_p04", "agency", "person", 2,
      "Handläggare: {p1}\nSökande: {p2.caps}\nBeslut: bifall\nÄrendet har "
      "föredragits av {p3} och beslutats av enhetschef {p4}."),
    T("sv_p05", "hr", "person", 2,
      "Hej {p1.given},\n\nkan du titta på anställningsavtalet för {p2} innan "
      "fredag? {p3.given} är ledig i dag.\n\nMvh\n{p4.given}"),
    T("sv_p06", "support_chat", "person", 2,
      "Kund: Hej, jag har inte fått min beställning.\nKundtjänst: Hej! Jag "
      "heter {p1.given} och hjälper dig gärna.\nKund: Tack {p1.given}!\n"
      "Kundtjänst: Paketet finns hos ditt ombud sedan i går.", p1="sv:word"),
    T("sv_m01", "procurement", "mixed", 1,
      "{p1} från [[Clas Ohlson]] och {p2.given} på [[Åhléns]] har bekräftat "
      "leveransen till [[Astrid Lindgrens barnsjukhus]]."),
    T("sv_l01", "bank", "lookalike", 2,
      "Hej!\n\nVårt kontor på {L:street_sv} flyttar till {L:street_sv} den "
      "{F:date}. Besökstiderna är oförändrade.\n\nMed vänliga hälsningar\n"
      "Kundtjänst"),
    T("sv_l02", "hospital", "lookalike", 2,
      "Händelsen har anmälts enligt [[Lex Maria]] och personalen har påmints "
      "om [[Lex Sarah]]. Remiss skickad till {L:hospital_sv}."),
    T("sv_l03", "procurement", "lookalike", 2,
      "Inköp inför kickoffen: {L:brand_sv}, {L:brand_sv} och {L:brand_sv}."),
    T("sv_l04", "agency", "lookalike", 1,
      "[[Till den det berör|title]],\n\nhärmed bekräftas att projektet "
      "beviljats anslag från [[Knut och Alice Wallenbergs Stiftelse]] och att "
      "boken har nominerats till [[Augustpriset]].\n\nMed vänlig hälsning\n"
      "Kansliet"),
    T("sv_l05", "travel", "lookalike", 2,
      "Resplan: tåg från Stockholm C till {L:city_name_sv}, därefter buss "
      "till {L:city_name_sv}. Övernattning i [[Karlstad]]."),
    T("sv_l06", "meeting_notes", "lookalike", 1,
      "Mötet hålls i rummet [[Linné]] på [[Chalmers]]; lunch serveras i "
      "[[Celsius]]salen och föreläsningen är i [[Nobel]]salen efteråt."),
    T("sv_l07", "log", "lookalike", 1,
      "[WARN] sync: leverantören \"{L:brand_sv}\" saknar kontaktperson; "
      "\"{L:brand_sv}\" uppdaterad"),
]
