package letters

import "vault/internal/lang"

// bokmal holds the Norwegian bokmål of every fixed text of the letters (a
// test checks that none is missing and that the format verbs match).
var bokmal = lang.Dict{
	// Head, orders, closing
	"To: ":                              "Til: ",
	"Subject: ":                         "Emne: ",
	"reference %s":                      "referanse %s",
	"dispute number %s":                 "tvistenummer %s",
	"bank reference %s":                 "bankens referanse %s",
	"- %s order %s":                     "- %s-ordre %s",
	" from %s":                          " fra %s",
	", ordered %s":                      ", bestilt %s",
	", paid by %s":                      ", betalt med %s",
	" Delivered %s.":                    " Levert %s.",
	" Shipped %s.":                      " Sendt %s.",
	" Shipped with tracking number %s.": " Sendt med sporingsnummer %s.",
	" Delivery was promised by %s.":     " Levering var lovet innen %s.",
	"Kind regards,":                     "Med vennlig hilsen",
	"the seller":                        "selgeren",
	"%s, through %s":                    "%s, via %s",
	"by %s":                             "innen %s",
	"by %s, 14 days from today":         "innen %s, 14 dager fra i dag",

	// What happened, what was tried, what is enclosed
	"I have not received the goods.":                                                   "Jeg har ikke mottatt varen.",
	"The goods I received have a defect.":                                              "Varen jeg mottok, har en mangel.",
	"The goods I received are not as described.":                                       "Varen jeg mottok, er ikke som beskrevet.",
	"[Say here what went wrong.]":                                                      "[Skriv her hva som gikk galt.]",
	"I have written to the seller":                                                     "Jeg har skrevet til selgeren",
	"I wrote to the seller on %s":                                                      "Jeg har skrevet til selgeren %s",
	"I wrote to the seller %s, first on %s":                                            "Jeg har skrevet til selgeren %s, første gang %s",
	" Its exhibit names the SHA-256 of the original file, so any copy can be checked.": " Bilaget oppgir SHA-256 for originalfilen, slik at enhver kopi kan kontrolleres.",
	" Its %d numbered exhibits each name the SHA-256 of the original file, so any copy can be checked.": " De %d nummererte bilagene oppgir SHA-256 for hver originalfil, slik at enhver kopi kan kontrolleres.",
	"the order confirmation":         "ordrebekreftelsen",
	"the proof of payment":           "betalingsbeviset",
	"the tracking":                   "sporingen",
	"the correspondence":             "korrespondansen",
	"photos and screenshots":         "bilder og skjermbilder",
	" and ":                          " og ",
	"The enclosed dossier holds %s.": "Den vedlagte dokumentasjonen inneholder %s.",

	// Seller
	"Dear seller,":                      "Hei,",
	"I am writing about this purchase:": "Jeg skriver om dette kjøpet:",
	"refund %s":                         "betale tilbake %s",
	"deliver the goods or refund %s":    "levere varen eller betale tilbake %s",
	" I ask you to %s %s.":              " Jeg ber dere %s %s.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act), and this letter is my complaint (reklamasjon) under its § 27.": "Som forbruker viser jeg til forbrukerkjøpsloven, og dette brevet er min reklamasjon etter lovens § 27.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act).":                                                               "Som forbruker viser jeg til forbrukerkjøpsloven.",
	"If the matter is not resolved by then, I will open a dispute with %s or ask my card issuer for a chargeback, and attach this letter.":              "Er saken ikke løst innen fristen, vil jeg åpne en tvist hos %s eller be kortutstederen om tilbakeføring, og legge ved dette brevet.",

	// Dispute
	"%s dispute resolution":                 "%s tvisteløsning",
	"Dispute about order %s":                "Tvist om ordre %s",
	"I open a dispute about this purchase:": "Jeg åpner en tvist om dette kjøpet:",
	"I ask for a refund of %s.":             "Jeg ber om å få tilbake %s.",

	// Chargeback
	"my card issuer":     "kortutstederen min",
	"Chargeback request": "Kortreklamasjon",
	"I complain about this purchase, paid with my card, and ask to have %s back (chargeback):": "Jeg reklamerer på dette kjøpet, som jeg betalte med kortet mitt, og ber om å få tilbake %s:",

	// Reinstatement
	"%s customer service":             "%s kundeservice",
	"Request to reinstate my account": "Anmodning om å gjenåpne kontoen min",
	"Hello,":                          "Hei,",
	"My %s account has been restricted. I ask you to review the decision and to reinstate the account.": "%s-kontoen min er blitt begrenset. Jeg ber om at dere vurderer avgjørelsen på nytt og gjenåpner kontoen.",
	"This request is about this order:":                "Henvendelsen gjelder denne ordren:",
	"This request is about these orders:":              "Henvendelsen gjelder disse ordrene:",
	"These are all my disputes and chargebacks there:": "Dette er alle mine tvister og tilbakeføringer der:",
	"- %s about order %s, opened %s, %s":               "- %s om ordre %s, åpnet %s, %s",
	" (dispute number %s)":                             " (tvistenummer %s)",
	"- none":                                           "- ingen",
	"Before each of them I wrote to the seller first.": "Før hver av dem skrev jeg først til selgeren.",
	"The account: %s.":                                 "Kontoen: %s.",
	" Restricted on %s.":                               " Begrenset %s.",
	" The reason given: \"%s\".":                       " Oppgitt grunn: «%s».",
	"The attached dossier documents the orders, the payments, the correspondence with the sellers and the outcome of each dispute.": "Den vedlagte dokumentasjonen viser ordrene, betalingene, korrespondansen med selgerne og utfallet av hver tvist.",
	" I will gladly provide anything else you need.": " Jeg gir gjerne flere opplysninger om dere trenger det.",
	"I will gladly provide anything else you need.":  "Jeg gir gjerne flere opplysninger om dere trenger det.",
	"Thank you for your time.":                       "Takk for at dere tar dere tid.",

	// Withdrawal
	"Withdrawal from order %s":                                        "Bruk av angrerett: ordre %s",
	"I hereby withdraw from my contract for the sale of these goods:": "Jeg benytter meg herved av angreretten for kjøpet av disse varene:",
	"I use my right of withdrawal (angrerett) under angrerettloven § 21: 14 days from receipt of the goods.": "Angrefristen er 14 dager fra jeg mottok varen (angrerettloven § 21).",

	// Reklamasjon
	"Complaint about defects (reklamasjon): order %s": "Reklamasjon: ordre %s",

	// Delay
	"Order %s not delivered: last day for delivery %s": "Ordre %s er ikke levert: siste frist for levering %s",
	"The goods I ordered have not been delivered:":     "Varen jeg bestilte, er ikke levert:",

	// Unauthorised
	"Payment I did not authorise": "Betaling jeg ikke har godkjent",

	// Revised after a lawyer's review
	", and received one answer":                               ", og har fått ett svar",
	", and received %d answers":                               ", og har fått %d svar",
	", but the matter is not resolved.":                       ", men saken er ikke løst.",
	"Order %s: please answer by %s":                           "Ordre %s: jeg ber om svar innen %s",
	"remedy the defect or replace the goods at no cost to me": "rette feilen eller bytte varen uten kostnad for meg",
	"As a consumer I rely on the consumer law of my country, which implements Directives (EU) 2019/771 (the legal guarantee) and 2011/83/EU (consumer rights).": "Som forbruker viser jeg til forbrukerlovgivningen i mitt land, som gjennomfører direktiv (EU) 2019/771 (reklamasjonsrett) og 2011/83/EU (forbrukerrettigheter).",
	"If the matter is not resolved by then, I will bring it before Forbrukertilsynet, and attach this letter.":                                                  "Er saken ikke løst innen fristen, vil jeg bringe den inn for Forbrukertilsynet og legge ved dette brevet.",
	"If the matter is not resolved by then, I will take further steps, and attach this letter.":                                                                 "Er saken ikke løst innen fristen, vil jeg gå videre med den og legge ved dette brevet.",
	"The purchase was paid with a credit card; I therefore also raise my claim for repayment of %s against you (finansavtaleloven § 2-7).":                      "Kjøpet er betalt med kredittkort. Jeg gjør derfor kravet om tilbakebetaling av %s gjeldende også overfor dere, jf. finansavtaleloven § 2-7.",
	"My records show one order on the account.":                                              "Etter mine notater har kontoen én ordre.",
	"My records show %d orders on the account.":                                              "Etter mine notater har kontoen %d ordrer.",
	"Before the account was restricted on %s, these were my disputes and chargebacks there:": "Før kontoen ble begrenset %s, hadde jeg disse tvistene og tilbakeføringene der:",
	"After it, I have opened these:":                                                         "Etterpå har jeg åpnet disse:",
	"I use my right of withdrawal under the consumer law of my country, which implements Directive 2011/83/EU (art. 9: 14 days from receipt of the goods).": "Angrefristen er 14 dager fra jeg mottok varen, etter forbrukerlovgivningen i mitt land, som gjennomfører direktiv 2011/83/EU (art. 9).",
	"I ask for %s to be refunded to the means of payment I used, within 14 days of your receiving this notice, and to be told where to return the goods.":   "Jeg ber om at %s tilbakebetales til betalingsmidlet jeg brukte, senest 14 dager etter at dere mottok denne meldingen, og om å få vite hvor varen skal returneres.",
	"I complain about a defect in these goods:":           "Jeg reklamerer på en feil ved denne varen:",
	"The defect: [describe the defect and how it shows].": "Feilen: [beskriv feilen og hvordan den viser seg].",
	"I discovered it on %s.":                              "Jeg oppdaget den %s.",
	"I discovered it on [date].":                          "Jeg oppdaget den [dato].",
	"This is my complaint (reklamasjon) under forbrukerkjøpsloven § 27. I ask for the defect to be remedied, or the goods replaced, at no cost to me; if that is not done within a reasonable time, I will claim a price reduction (prisavslag) or cancel the purchase (heving).":         "Dette er min reklamasjon, jf. forbrukerkjøpsloven § 27. Jeg krever at feilen rettes eller at varen byttes uten kostnad for meg. Skjer ikke det innen rimelig tid, vil jeg kreve prisavslag eller heve kjøpet.",
	"This is my claim under the consumer law of my country, which implements Directive (EU) 2019/771 (art. 10). I ask for the goods to be repaired or replaced at no cost to me; if that is not done within a reasonable time, I will claim a price reduction or terminate the contract.": "Dette er mitt krav etter forbrukerlovgivningen i mitt land, som gjennomfører direktiv (EU) 2019/771 (art. 10). Jeg krever at varen repareres eller byttes uten kostnad for meg. Skjer ikke det innen rimelig tid, vil jeg kreve prisavslag eller heve avtalen.",
	"I ask for your answer %s.": "Jeg ber om svar %s.",
	"I set an additional time for delivery until %s. If the goods are not delivered by then, the purchase is cancelled (hevet) without further notice, and I claim back the %s I paid (forbrukerkjøpsloven § 23).":                                                 "Jeg setter en tilleggsfrist for levering til %s. Er varen ikke levert innen da, er kjøpet hevet uten nytt varsel, og jeg krever tilbake de %s jeg har betalt (forbrukerkjøpsloven § 23).",
	"I set an additional period for delivery until %s. If the goods are not delivered by then, the contract is terminated without further notice, and I claim back the %s I paid (the consumer law of my country, which implements Directive 2011/83/EU art. 18).": "Jeg setter en tilleggsfrist for levering til %s. Er varen ikke levert innen da, er avtalen hevet uten nytt varsel, og jeg krever tilbake de %s jeg har betalt (forbrukerlovgivningen i mitt land, som gjennomfører direktiv 2011/83/EU art. 18).",
	"I did not authorise this card payment:":                                      "Jeg har ikke godkjent denne kortbetalingen:",
	"My card was charged twice for this purchase; I authorised one charge only:":  "Kortet mitt er belastet to ganger for dette kjøpet; jeg har bare godkjent én belastning:",
	"My card was charged a different amount than I authorised for this purchase:": "Kortet mitt er belastet et annet beløp enn jeg godkjente for dette kjøpet:",
	"[Say here what is wrong with the payment.]":                                  "[Skriv her hva som er feil med betalingen.]",
	"I ask you to correct it without undue delay and to refund %s. I notify you under the rules for unauthorised and wrongly executed payments (finansavtaleloven chapter 4; Directive (EU) 2015/2366 art. 71), within 13 months of the debit.": "Jeg ber dere rette det uten ugrunnet opphold og betale tilbake %s. Jeg varsler etter reglene om betalinger som ikke er godkjent eller er gjennomført feil (finansavtaleloven kapittel 4; direktiv (EU) 2015/2366 art. 71), innen 13 måneder etter belastningen.",
}
