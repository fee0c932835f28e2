package letters

// Source is a provision the letters cite, with its words as read and where
// they were read. A letter names the law of the buyer's country (byLaw);
// each section it names is here, so what a letter states as law can be
// checked (TestEveryCitationHasItsSource). Where only a copy of a
// statute's text was at hand, Read says so.
type Source struct {
	Act, Section string // "forbrukerkjøpsloven", "§ 27"; "Directive 2011/83/EU", "art. 9"
	Quote        string // verbatim, in the source's language
	URL          string
	Read         string // where the quote was read when not at URL itself
}

// copyOf is how Read names a statute read in a copy of its text; bgbCopy
// the copies of the German Civil Code's.
const (
	copyOf  = "a copy of the statute's text; not checked at the address"
	bgbCopy = "a snapshot of gesetze-im-internet.de on GitHub (eriklueth/gesetze-corpus-data, April 2026), the same words in bundestag/gesetze"
)

// Sources are the provisions the letters cite.
var Sources = []Source{
	{"forbrukerkjøpsloven", "§ 23", "Har selgeren ikke levert tingen i tide i samsvar med § 6, skal forbrukeren oppfordre selgeren til å levere innen en rimelig tilleggsfrist for oppfyllelse.",
		"https://lovdata.no/lov/2002-06-21-34/§23", ""},
	{"forbrukerkjøpsloven", "§ 27", "Denne fristen for å reklamere kan aldri være kortere enn to måneder fra det tidspunkt da forbrukeren oppdaget mangelen. … Reklamasjon må senest skje to år etter at forbrukeren overtok tingen.",
		"https://lovdata.no/lov/2002-06-21-34/§27", ""},
	{"angrerettloven", "§ 8", "Gir ikke den næringsdrivende forbrukeren opplysninger om angreretten i henhold til § 8 første ledd bokstav h, utløper angrefristen 12 måneder etter utløpet av den opprinnelige angrefristen",
		"https://lovdata.no/lov/2014-06-20-27/§21", copyOf + " (quoted from § 21, which refers to § 8)"},
	{"angrerettloven", "§ 20", "Forbrukeren har rett til å gå fra avtalen (angrerett) ved å gi melding til den næringsdrivende før utløpet av angrefristen, jf. § 21.",
		"https://lovdata.no/lov/2014-06-20-27/§20", copyOf},
	{"angrerettloven", "§ 21", "Angrefristen utløper 14 dager fra den dag avtalen om tjeneste ble inngått, eller den dag forbrukeren får varen i fysisk besittelse. … Gir ikke den næringsdrivende forbrukeren opplysninger om angreretten i henhold til § 8 første ledd bokstav h, utløper angrefristen 12 måneder etter utløpet av den opprinnelige angrefristen, jf. første ledd.",
		"https://lovdata.no/lov/2014-06-20-27/§21", copyOf},
	{"finansavtaleloven", "§ 2-7", "Kortreklamasjon er ved bruk av kredittkort regulert av norsk lov (finansavtaleloven § 2-7). Kortreklamasjon ved bruk av debetkort er ikke lovpålagt, men regulert gjennom bankens avtalevilkår.",
		"https://www.forbrukereuropa.no/nettkjop/kortreklamasjon/", "Forbruker Europa's page on it: the statute's own text was not at hand"},
	{"konsumentköplagen", "5 kap. 2 §", "En reklamation som görs inom två månader efter det att konsumenten märkt felet ska alltid anses ha gjorts i rätt tid.",
		"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/konsumentkoplag-2022260_sfs-2022-260/", copyOf},
	{"konsumentköplagen", "5 kap. 4 §", "Konsumenten har rätt att kräva att näringsidkaren avhjälper ett fel på varan eller gör en omleverans. Konsumenten får välja mellan åtgärderna.",
		"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/konsumentkoplag-2022260_sfs-2022-260/", copyOf},
	{"konsumentköplagen", "5 kap. 8 §", "Konsumenten har rätt att kräva prisavdrag som svarar mot felet eller att häva köpet, om avhjälpande eller omleverans inte kommer i fråga eller inte kan ske inom skälig tid efter reklamationen",
		"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/konsumentkoplag-2022260_sfs-2022-260/", copyOf},
	{"lag (2005:59)", "2 kap. 10 §", "Konsumenten har rätt att frånträda avtalet (ångerrätt) genom att till näringsidkaren lämna eller sända ett tydligt meddelande om detta inom 14 dagar från den dag som anges i 12 § (ångerfrist).",
		"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-200559-om-distansavtal-och-avtal-utanfor_sfs-2005-59/", copyOf},
	{"lag (2005:59)", "2 kap. 12 §", "Om avtalet avser flera varor eller en vara som består av flera delar, börjar ångerfristen löpa den dag då konsumenten får den sista varan respektive den sista delen av varan i sin besittning. … Rätten att ångra sig upphör dock senast ett år efter det att ångerfristen skulle ha löpt ut om information hade givits på föreskrivet sätt.",
		"https://www.riksdagen.se/sv/dokument-och-lagar/dokument/svensk-forfattningssamling/lag-200559-om-distansavtal-och-avtal-utanfor_sfs-2005-59/", copyOf},
	{"købeloven", "§ 78 a", "Køberen kan vælge mellem afhjælpning og omlevering, jf. dog stk. 2 og 3.",
		"https://www.retsinformation.dk/eli/lta/2021/1853", copyOf},
	{"købeloven", "§ 78 b", "Køberen er ikke berettiget til at ophæve købet, hvis manglen er uvæsentlig.",
		"https://www.retsinformation.dk/eli/lta/2021/1853", copyOf},
	{"købeloven", "§ 81", "Vil køberen påberåbe sig en mangel, skal køberen give sælgeren meddelelse herom inden for rimelig tid, efter at køberen har opdaget mangelen. … Meddelelse givet inden to måneder efter, at køberen opdagede mangelen, er altid rettidig.",
		"https://www.retsinformation.dk/eli/lta/2021/1853", copyOf},
	{"forbrugeraftaleloven", "§ 18", "§ 18, stk. 1 gives the right of withdrawal for distance and off-premises contracts; stk. 2 lists the exceptions (summarised, not quoted)",
		"https://www.retsinformation.dk/eli/lta/2025/1184", copyOf},
	{"forbrugeraftaleloven", "§ 19", "Vil forbrugeren udøve sin fortrydelsesret, skal forbrugeren inden 14 dage benytte den i § 20 angivne fremgangsmåde … Er de i § 8, stk. 1, nr. 11, nævnte oplysninger ikke givet til forbrugeren på et varigt medium, udløber den periode, hvori fortrydelsesretten efter stk. 1 kan udøves, for så vidt angår aftaler om en vare eller en ikkefinansiel tjenesteydelse, senest 12 måneder efter den i stk. 2 nævnte 14-dagesperiode",
		"https://www.retsinformation.dk/eli/lta/2025/1184", copyOf},
	{"BGB", "§ 312g", "Dem Verbraucher steht bei außerhalb von Geschäftsräumen geschlossenen Verträgen und bei Fernabsatzverträgen ein Widerrufsrecht gemäß § 355 zu.",
		"https://www.gesetze-im-internet.de/bgb/__312g.html", bgbCopy},
	{"BGB", "§ 355", "Der Widerruf erfolgt durch Erklärung gegenüber dem Unternehmer. … Die Widerrufsfrist beträgt 14 Tage.",
		"https://www.gesetze-im-internet.de/bgb/__355.html", bgbCopy},
	{"BGB", "§ 356", "Die Widerrufsfrist beginnt 1. bei einem Verbrauchsgüterkauf, a) … sobald der Verbraucher oder ein von ihm benannter Dritter, der nicht Frachtführer ist, die Waren erhalten hat … Das Widerrufsrecht erlischt spätestens zwölf Monate und 14 Tage nach dem in Absatz 2 oder § 355 Absatz 2 Satz 2 genannten Zeitpunkt.",
		"https://www.gesetze-im-internet.de/bgb/__356.html", bgbCopy},
	{"BGB", "§ 437", "Ist die Sache mangelhaft, kann der Käufer … 1. nach § 439 Nacherfüllung verlangen, 2. nach den §§ 440, 323 und 326 Abs. 5 von dem Vertrag zurücktreten oder nach § 441 den Kaufpreis mindern",
		"https://www.gesetze-im-internet.de/bgb/__437.html", bgbCopy},
	{"BGB", "§ 439", "Der Käufer kann als Nacherfüllung nach seiner Wahl die Beseitigung des Mangels oder die Lieferung einer mangelfreien Sache verlangen.",
		"https://www.gesetze-im-internet.de/bgb/__439.html", bgbCopy},
	{"BGB", "§ 477", "Zeigt sich innerhalb eines Jahres seit Gefahrübergang ein von den Anforderungen nach § 434 oder § 475b abweichender Zustand der Ware, so wird vermutet, dass die Ware bereits bei Gefahrübergang mangelhaft war",
		"https://www.gesetze-im-internet.de/bgb/__477.html", bgbCopy},
	{"BGB", "§ 323", "Erbringt bei einem gegenseitigen Vertrag der Schuldner eine fällige Leistung nicht oder nicht vertragsgemäß, so kann der Gläubiger, wenn er dem Schuldner erfolglos eine angemessene Frist zur Leistung oder Nacherfüllung bestimmt hat, vom Vertrag zurücktreten.",
		"https://www.gesetze-im-internet.de/bgb/__323.html", bgbCopy},
	{"BGB", "§ 675u", "Er ist verpflichtet, dem Zahler den Zahlungsbetrag unverzüglich zu erstatten … Diese Verpflichtung ist unverzüglich, spätestens jedoch bis zum Ende des Geschäftstags zu erfüllen, der auf den Tag folgt, an welchem dem Zahlungsdienstleister angezeigt wurde, dass der Zahlungsvorgang nicht autorisiert ist",
		"https://www.gesetze-im-internet.de/bgb/__675u.html", bgbCopy},
	{"BGB", "§ 676b", "Ansprüche und Einwendungen des Zahlungsdienstnutzers gegen den Zahlungsdienstleister nach diesem Unterkapitel sind ausgeschlossen, wenn dieser seinen Zahlungsdienstleister nicht spätestens 13 Monate nach dem Tag der Belastung mit einem nicht autorisierten oder fehlerhaft ausgeführten Zahlungsvorgang hiervon unterrichtet hat.",
		"https://www.gesetze-im-internet.de/bgb/__676b.html", bgbCopy},
	{"Directive 2011/83/EU", "art. 9", "Without prejudice to Article 10, the withdrawal period referred to in paragraph 1 of this Article shall expire after 14 days from: … (b) in the case of sales contracts, the day on which the consumer or a third party other than the carrier and indicated by the consumer acquires physical possession of the goods",
		"https://eur-lex.europa.eu/eli/dir/2011/83/oj", ""},
	{"Directive 2011/83/EU", "art. 10", "If the trader has not provided the consumer with the information on the right of withdrawal …, the withdrawal period shall expire 12 months from the end of the initial withdrawal period",
		"https://eur-lex.europa.eu/eli/dir/2011/83/oj", "as the vault's rules and domain-rules.md state art. 10 (1); not quoted from the Official Journal here"},
	{"Directive 2011/83/EU", "art. 18", "If you fail to deliver within the right time, the consumer can contact you and request delivery within an additional period of time … If you still have not delivered the goods, according to the consumer's request, the consumer is entitled to terminate the contract.",
		"https://www.konsumenteuropa.se/en/topics/e-commerce/tips-for-traders/checklist-for-traders/delivery/", "Konsument Europa's summary of it: the directive's own text was not at hand"},
	{"Directive (EU) 2019/771", "art. 10", "The seller shall be liable to the consumer for any lack of conformity which exists at the time when the goods were delivered and which becomes apparent within two years of that time.",
		"https://eur-lex.europa.eu/eli/dir/2019/771/oj", ""},
	{"Directive (EU) 2015/2366", "art. 71", "… wenn der Zahlungsdienstnutzer unverzüglich nach Feststellung eines solchen Zahlungsvorgangs … jedoch spätestens 13 Monate nach dem Tag der Belastung seinen Zahlungsdienstleister hiervon unterrichtet.",
		"https://eur-lex.europa.eu/eli/dir/2015/2366/oj", "its German version"},
	{"Regulation (EU) 2022/2065", "art. 17", "Providers of hosting services shall provide a clear and specific statement of reasons to any affected recipients of the service for any of the following restrictions imposed on the ground that the information provided by the recipient of the service is illegal content or incompatible with their terms and conditions: … (d) suspension or termination of the recipient of the service's account.",
		"https://eur-lex.europa.eu/eli/reg/2022/2065/oj", "copies of the Official Journal's text (Hannes Snellman's Digital Decade and others, agreeing word for word)"},
	{"Regulation (EU) 2022/2065", "art. 20", "Providers of online platforms shall provide recipients of the service … for a period of at least six months following the decision …, with access to an effective internal complaint-handling system that enables them to lodge complaints, electronically and free of charge, … against the following decisions …: (c) decisions whether or not to suspend or terminate the recipients' account",
		"https://eur-lex.europa.eu/eli/reg/2022/2065/oj", "copies of the Official Journal's text (codeliance.com and others, agreeing word for word)"},
	{"Directive (EU) 2015/2366", "art. 73", "… the payer's payment service provider refunds the payer the amount of the unauthorised payment transaction immediately, and in any event no later than by the end of the following business day, after noting or being notified of the transaction",
		"https://eur-lex.europa.eu/eli/dir/2015/2366/oj", "the EBA's single rulebook (art. 73 (1))"},
	{"Directive (EU) 2015/2366", "art. 76-77", "Member States shall ensure that the payer can request the refund referred to in Article 76 of an authorised payment transaction initiated by or through a payee for a period of 8 weeks from the date on which the funds were debited.",
		"https://www.eba.europa.eu/regulation-and-policy/single-rulebook/interactive-single-rulebook/5616", "the EBA's single rulebook (art. 77 (1))"},
}
