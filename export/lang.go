package export

import (
	"fmt"

	"vault/internal/date"
	"vault/internal/lang"
	"vault/internal/money"
)

// t is the dossier's fixed text in its language: English is the key, and
// a missing translation falls back to it.
func (d Dossier) t(s string) string { return bokmal.In(d.Lang, s) }

// date writes a recorded date in the dossier's language and zone.
func (d Dossier) date(v date.Value) string { return d.Lang.Date(v, d.Location) }

// count writes n with its noun in the dossier's language: one for 1, many
// for any other number.
func (d Dossier) count(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf(d.t(one), n)
	}
	return fmt.Sprintf(d.t(many), n)
}

// In is one of the dossier's fixed words or formats in l (a window's name,
// a date's label), for other outputs that speak the same words.
func In(l lang.Lang, s string) string { return bokmal.In(l, s) }

// money writes an amount in the dossier's language.
func (d Dossier) money(m money.Money) string { return d.Lang.Money(m) }

// bokmal holds the Norwegian bokmål of every fixed text of the dossier
// (a test checks that none is missing and that the format verbs match).
var bokmal = lang.Dict{
	// Cover
	"page %d of {nb}":      "side %d av {nb}",
	"Evidence dossier":     "Dokumentasjon",
	"%d of %d":             "%d av %d",
	" (exhibits %s to %s)": " (bilag %s til %s)",
	"Part":                 "Del",
	"Claimant":             "Klager",
	"Amount claimed":       "Krevd beløp",
	"Receiver":             "Mottaker",
	"Reference":            "Referanse",
	"Case opened":          "Sak åpnet",
	"Orders":               "Ordrer",
	"Contents":             "Innhold",
	"%d message":           "%d melding",
	"%d messages":          "%d meldinger",
	"Generated":            "Laget",
	"Every file in this dossier is identified by its SHA-256 in the manifest at the end. The originals are kept unaltered; anyone holding a copy can check it with sha256sum.": "Hver fil i denne dokumentasjonen er identifisert med sin SHA-256 i filoversikten til slutt. Originalene er oppbevart uendret; den som har en kopi, kan kontrollere den med sha256sum.",

	// Statement, overview
	"Statement":        "Redegjørelse",
	"Account overview": "Oversikt over kontoen",
	"All orders and disputes recorded in the vault for the marketplaces of this case.": "Alle ordrer og tvister som er registrert i vault for markedsplassene i denne saken.",
	"Disputes and chargebacks":    "Tvister og kortreklamasjoner",
	"%d (%.0f %% of orders)":      "%d (%.0f %% av ordrene)",
	"Disputes and their outcomes": "Tvister og utfall",
	"%s: %s about order %s, %s":   "%s: %s om ordre %s, %s",

	// Exhibits that are not images
	"From: %s\nTo: %s\nDate: %s\nSubject: %s": "Fra: %s\nTil: %s\nDato: %s\nEmne: %s",
	"Characters no font of this dossier can draw (emoji, Korean) are printed as \uFFFD; the texts and files in the vault keep them.": "Tegn som ingen skrift i denne dokumentasjonen kan tegne (emoji, koreansk), er skrevet som \uFFFD; tekstene og filene i vault beholder dem.",
	"Exhibit %s, page %d of %d": "Bilag %s, side %d av %d",
	"The page could not be drawn (%v). The original is identified in the manifest.":                    "Siden kunne ikke vises (%v). Originalen er identifisert i filoversikten.",
	"[The document has %d pages; the first %d are shown. The original is identified in the manifest.]": "[Dokumentet har %d sider; de første %d er vist. Originalen er identifisert i filoversikten.]",
	"Charged":                              "Belastet",
	"Credited":                             "Godskrevet",
	"%s on %s, as \"%s\" on the statement": "%s den %s, som «%s» på kontoutskriften",
	" (%s converted)":                      " (omregnet fra %s)",
	", card ending %s":                     ", kort som slutter på %s",
	"Shown by its picture, which vault drew of the saved page with headless Chromium (network and scripts off): %s, SHA-256 %s.": "Vist med bildet vault tegnet av den lagrede siden med hodeløs Chromium (uten nett og skript): %s, SHA-256 %s.",
	"[The file goes on; the original is identified in the manifest.]":                                                            "[Filen fortsetter; originalen er identifisert i filoversikten.]",
	"A PDF document, embedded unaltered in this file as the attachment %s (your PDF reader lists the attachments).":              "Et PDF-dokument, lagt uendret inn i denne filen som vedlegget %s (PDF-leseren viser vedleggene).",
	"Saved from %s on %s":                                                   "Lagret fra %s, %s",
	"Saved from %s (the saver wrote no time)":                               "Lagret fra %s (uten tidspunkt)",
	"Saved on %s (the saver wrote no address)":                              "Lagret %s (uten adresse)",
	"A saved web page that names neither its address nor when it was saved": "En lagret nettside som verken oppgir adressen sin eller når den ble lagret",
	"The page's text as it was saved, without its scripts, styles and hidden parts; the original file is identified in the manifest.": "Sidens tekst slik den ble lagret, uten skript, stiler og skjulte deler; originalfilen er identifisert i filoversikten.",
	"[The page holds no text.]":                                       "[Siden har ingen tekst.]",
	"[The page goes on; the original is identified in the manifest.]": "[Siden fortsetter; originalen er identifisert i filoversikten.]",

	// Page 1
	"first on %s, %s":    "første gang %s, %s",
	"%d answer":          "%d svar",
	"%d answers":         "%d svar",
	"Seller contacted":   "Kontakt med selger",
	"Last scan":          "Siste sporingshendelse",
	"%s dispute":         "Tvist hos %s",
	"opened %s: %s":      "åpnet %s: %s",
	" (the full amount)": " (hele beløpet)",
	" (all that is left of %s: %s was refunded)": " (alt som gjenstår av %s: %s er refundert)",
	" (line %d of the file)":                     " (linje %d i filen)",
	" (entry %d of the file)":                    " (post %d i filen)",
	"Only this case's lines of the statement are shown; the file is kept by the claimant and not attached, as it lists other payments.": "Bare denne sakens linjer fra kontoutskriften er vist; filen oppbevares av klageren og er ikke vedlagt, siden den viser andre betalinger.",
	" (the full amount: %s on the card statement)": " (hele beløpet: %s på kontoutskriften)",
	" (part of %s)":         " (del av %s)",
	"nothing: %s came back": "ingenting: %s er betalt tilbake",
	" (the credit above)":   " (godskrivingen over)",
	"%s on %s":              "%s %s",
	"Merchant":              "Selger",
	"Log":                   "Logg",
	"Communication log: %s": "Korrespondanse: %s",
	"p. %d":                 "s. %d",
	"%s  ·  from %s":        "%s  ·  fra %s",
	"%s  ·  email from %s":  "%s  ·  e-post fra %s",
	"  ·  exhibit %s":       "  ·  bilag %s",
	"Subject: %s":           "Emne: %s",
	"not kept":              "ikke lagret",
	"What happened, oldest first, with the exhibit or page that shows it; the only later date is the receiver's own deadline.": "Det som har skjedd, eldst først, med bilaget eller siden som viser det; den eneste senere datoen er mottakerens egen frist.",

	// Timeline
	"Timeline":                                       "Tidslinje",
	"%s %s order %s":                                 "%s %s-ordre %s",
	"%s: %s":                                         "%s: %s",
	"%s from %s: %s":                                 "%s fra %s: %s",
	"last tracking event: %s":                        "siste sporingshendelse: %s",
	"last tracking event, %s: %s":                    "siste sporingshendelse, %s: %s",
	"last day: %s (%s)":                              "siste frist: %s (%s)",
	"last day: %s (%s), estimated":                   "siste frist: %s (%s), anslått",
	"last day: %s (%s), missed":                      "siste frist: %s (%s), oversittet",
	"last day: %s (%s), estimated, missed":           "siste frist: %s (%s), anslått, oversittet",
	"last day: %s (%s), estimated, perhaps over":     "siste frist: %s (%s), anslått, kanskje over",
	"last day: %s (%s), passed":                      "siste frist: %s (%s), passert",
	"last day: %s (%s), estimated, passed":           "siste frist: %s (%s), anslått, passert",
	"last day: %s (%s), used on %s by %s":            "siste frist: %s (%s), brukt %s av %s",
	"last day: %s (%s), estimated, used on %s by %s": "siste frist: %s (%s), anslått, brukt %s av %s",

	// Orders
	"%s order %s":         "%s-ordre %s",
	"Record":              "Oppføring",
	"Seller":              "Selger",
	"Total":               "Totalt",
	"Payment":             "Betaling",
	"Tracking":            "Sporing",
	"Items":               "Varer",
	"Note":                "Merknad",
	"Status":              "Status",
	"Refunded":            "Refundert",
	"Refunded at":         "Refundert den",
	"Protection ends":     "Kjøperbeskyttelsen slutter",
	"Dispute number":      "Tvistenummer",
	"Bank reference":      "Bankens referanse",
	"Decided":             "Avgjort",
	"Account":             "Konto",
	", restricted %s":     ", begrenset %s",
	" (reason given: %s)": " (oppgitt grunn: %s)",
	" back":               " tilbake",
	"delivered %s order %s, %d days after the expected date": "levert %s-ordre %s, %d dager etter forventet dato",
	"%s refunded on %s order %s":                             "%s refundert på %s-ordre %s",
	"%s credited back on %s order %s":                        "%s godskrevet for %s-ordre %s",
	"%s opened":                                              "%s åpnet",
	"%s decided: %s":                                         "%s avgjort: %s",

	// Communication log
	"Communication log": "Korrespondanse",
	"Every message as recorded, verbatim, oldest first.": "Alle meldinger slik de er registrert, ordrett, eldst først.",
	"unknown":             "ukjent",
	"Attachment: %s (%s)": "Vedlegg: %s (%s)",

	// Exhibits
	"Exhibits":       "Bilag",
	"Exhibit %s: %s": "Bilag %s: %s",
	"The image could not be rendered (%v). The original is identified in the manifest.":                                                                                                                            "Bildet kunne ikke vises (%v). Originalen er identifisert i filoversikten.",
	"An HEIC photo (the iPhone's format), which this dossier cannot render. The original is kept unaltered and identified in the manifest; to show it here, export it from the phone as JPEG and attach that too.": "Et HEIC-bilde (iPhones format), som denne dokumentasjonen ikke kan vise. Originalen er oppbevart uendret og identifisert i filoversikten; for å vise det her, eksporter det fra telefonen som JPEG og legg ved det også.",
	"A PDF whose pages this dossier cannot read (it may be damaged), so they are not shown. The original is kept unaltered and identified in the manifest.":                                                        "En PDF som denne dokumentasjonen ikke kan lese sidene i (den kan være skadet), så de vises ikke. Originalen er bevart uendret og identifisert i filoversikten.",
	"A video: it cannot be shown on paper. The original is identified in the manifest.":                                                                                                                            "En video: den kan ikke vises på papir. Originalen er identifisert i filoversikten.",
	"Not shown as an image; the original file is identified in the manifest.":                                                                                                                                      "Vises ikke som bilde; originalfilen er identifisert i filoversikten.",

	// Manifest
	"Manifest": "Filoversikt",
	"Generated %s. Each original file of this case, as stored in the vault (content-addressed, read-only). To check a copy of an original: sha256sum FILE, and compare with the hash below.": "Laget %s. Hver originalfil i saken, slik den er lagret i vault (adressert etter innhold, skrivebeskyttet). For å kontrollere en kopi av en original: sha256sum FIL, og sammenlign med hashen nedenfor.",
	"Card numbers in the printed text of this dossier are masked to their last four digits.":                                                                                                 "Kortnumre i den trykte teksten er maskert til de fire siste sifrene.",
	" Email addresses and phone numbers are masked too.":                                                                                                                                     " E-postadresser og telefonnumre er også maskert.",
	" The original files listed below are unaltered.":                                                                                                                                        " Originalfilene nedenfor er uendret.",
	"Head of the vault's audit log when this dossier was generated (each entry is chained to the one before by SHA-256, so this hash fixes the whole record history up to this dossier):":    "Siste hash i vaults revisjonslogg da dokumentasjonen ble laget (hver oppføring er lenket til den forrige med SHA-256, så denne hashen låser hele historikken fram til denne dokumentasjonen):",
	"%s (entry %d)":                       "%s (oppføring %d)",
	"No files are attached to this case.": "Ingen filer er knyttet til saken.",
	"The exhibits that are PDF documents are embedded in this file as attachments, unaltered.": "Bilagene som er PDF-dokumenter, er lagt uendret inn i denne filen som vedlegg.",
	"%s, %d bytes, %s": "%s, %d byte, %s",

	// Deadline windows (rules.json)
	"open dispute": "åpne tvist", "appeal": "klage", "escalate": "eskalere", "chargeback": "kortreklamasjon", "withdrawal": "angrerett", "return": "retur", "A-to-z claim": "A-to-z-krav",
	"Money Back Guarantee request": "krav etter Money Back Guarantee", "ask eBay to step in": "be eBay gripe inn", "escalate to claim": "eskalere til krav",
	"bank claim, as soon as possible": "krav mot banken, så snart som mulig", "seller's time to answer": "selgerens svarfrist", "trader's refund": "selgerens tilbakebetaling",
	"legal guarantee": "reklamasjonsrett (EU)", "angrerett": "angrerett", "notice surely in time": "reklamasjon sikkert i tide",
	"absolute limit": "absolutt frist", "absolute limit, durable goods": "absolutt frist, varige varer", "time bar": "foreldelse",
	"send the return": "sende returen", "tell the bank": "si fra til banken", "additional time to deliver": "tilleggsfrist for levering",
	"additional period to deliver": "tilleggsfrist for levering", "withdrawal, if not told of the right": "angrerett, når du ikke fikk opplysning om den",
	"angrerett, if not told of the right":                    "angrerett, når du ikke fikk opplysning om den",
	"time bar, at least a year from discovery":               "foreldelse, minst ett år fra oppdagelsen",
	"appeal the decision":                                    "klage på avgjørelsen",
	"time bar, at least four months from the defect showing": "foreldelse, minst fire måneder fra mangelen viste seg",
	"trader's liability":                                     "selgerens ansvar for feil",
}

// translatedWords are the fixed words and formats that reach d.t as values:
// date labels, timeline formats.
var translatedWords = []string{
	"%s %s order %s", "delivered %s order %s, %d days after the expected date", "%s refunded on %s order %s",
	"%s credited back on %s order %s", "%s opened", "%s decided: %s", "%s: %s", "%s from %s: %s", "last day: %s (%s)", "last day: %s (%s), estimated",
	"last tracking event: %s", "last tracking event, %s: %s",
	"last day: %s (%s), missed", "last day: %s (%s), estimated, missed", "last day: %s (%s), estimated, perhaps over", "last day: %s (%s), passed",
	"last day: %s (%s), estimated, passed", "last day: %s (%s), used on %s by %s", "last day: %s (%s), estimated, used on %s by %s",
}
