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
	"I have not received the goods.":             "Jeg har ikke mottatt varen.",
	"The goods I received have a defect.":        "Varen jeg mottok, har en mangel.",
	"The goods I received are not as described.": "Varen jeg mottok, er ikke som beskrevet.",
	"[Say here what went wrong.]":                "[Skriv her hva som gikk galt.]",
	"I have written to the seller":               "Jeg har skrevet til selgeren",
	"I wrote to the seller on %s":                "Jeg har skrevet til selgeren %s",
	"I wrote to the seller %s, first on %s":      "Jeg har skrevet til selgeren %s, første gang %s",
	" and received one answer":                   " og fått ett svar",
	" and received %d answers":                   " og fått %d svar",
	"; the matter is not resolved.":              "; saken er ikke løst.",
	" Its exhibit names the SHA-256 of the original file, so any copy can be checked.":                  " Bilaget oppgir SHA-256 for originalfilen, slik at enhver kopi kan kontrolleres.",
	" Its %d numbered exhibits each name the SHA-256 of the original file, so any copy can be checked.": " De %d nummererte bilagene oppgir SHA-256 for hver originalfil, slik at enhver kopi kan kontrolleres.",
	"the order confirmation":         "ordrebekreftelsen",
	"the proof of payment":           "betalingsbeviset",
	"the tracking":                   "sporingen",
	"the correspondence":             "korrespondansen",
	"photos and screenshots":         "bilder og skjermbilder",
	" and ":                          " og ",
	"The enclosed dossier holds %s.": "Den vedlagte dokumentasjonen inneholder %s.",

	// Seller
	"Order %s: please resolve this by %s":       "Ordre %s: løs saken innen %s",
	"Dear seller,":                              "Hei,",
	"I am writing about this purchase:":         "Jeg skriver om dette kjøpet:",
	"refund %s":                                 "betale tilbake %s",
	"deliver the goods or refund %s":            "levere varen eller betale tilbake %s",
	"repair or replace the goods, or refund %s": "reparere eller bytte varen, eller betale tilbake %s",
	" I ask you to %s %s.":                      " Jeg ber dere %s %s.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act), and this letter is my complaint (reklamasjon) under its § 27.": "Som forbruker viser jeg til forbrukerkjøpsloven, og dette brevet er min reklamasjon etter lovens § 27.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act).":                                                               "Som forbruker viser jeg til forbrukerkjøpsloven.",
	"As a consumer I rely on Directive (EU) 2019/771 (the legal guarantee) and Directive 2011/83/EU (consumer rights).":                                 "Som forbruker viser jeg til direktiv (EU) 2019/771 (reklamasjonsrett) og direktiv 2011/83/EU (forbrukerrettigheter).",
	"If the matter is not resolved by then, I will open a dispute with %s or ask my card issuer for a chargeback, and attach this letter.":              "Er saken ikke løst innen fristen, vil jeg åpne en tvist hos %s eller be kortutstederen om tilbakeføring, og legge ved dette brevet.",

	// Dispute
	"%s dispute resolution":                 "%s tvisteløsning",
	"Dispute about order %s":                "Tvist om ordre %s",
	"I open a dispute about this purchase:": "Jeg åpner en tvist om dette kjøpet:",
	"I ask for a refund of %s.":             "Jeg ber om å få tilbake %s.",

	// Chargeback
	"my card issuer":     "kortutstederen min",
	"Chargeback request": "Kortreklamasjon",
	"I complain about this purchase, paid with my card, and ask to have %s back (chargeback):":                                "Jeg reklamerer på dette kjøpet, som jeg betalte med kortet mitt, og ber om å få tilbake %s:",
	"For purchases on credit, the card issuer answers for the seller's failure as the seller does (finansavtaleloven § 2-7).": "Ved kjøp på kreditt kan jeg gjøre gjeldende overfor kortutstederen de samme kravene som overfor selgeren (finansavtaleloven § 2-7).",

	// Reinstatement
	"%s customer service":             "%s kundeservice",
	"Request to reinstate my account": "Anmodning om å gjenåpne kontoen min",
	"Hello,":                          "Hei,",
	"My %s account has been restricted. I ask you to review the decision and to reinstate the account.": "%s-kontoen min er blitt begrenset. Jeg ber om at dere vurderer avgjørelsen på nytt og gjenåpner kontoen.",
	"This request is about this order:":                                                   "Henvendelsen gjelder denne ordren:",
	"This request is about these orders:":                                                 "Henvendelsen gjelder disse ordrene:",
	"My account has %d orders recorded; these are all my disputes and chargebacks there:": "Kontoen min har %d registrerte ordrer; dette er alle mine tvister og tilbakeføringer der:",
	"These are all my disputes and chargebacks there:":                                    "Dette er alle mine tvister og tilbakeføringer der:",
	"- %s about order %s, opened %s, %s":                                                  "- %s om ordre %s, åpnet %s, %s",
	" (dispute number %s)":                                                                " (tvistenummer %s)",
	"- none":                                                                              "- ingen",
	"Before each of them I wrote to the seller first.":                                    "Før hver av dem skrev jeg først til selgeren.",
	"The account: %s.":                                                                    "Kontoen: %s.",
	" Restricted on %s.":                                                                  " Begrenset %s.",
	" The reason given: \"%s\".":                                                          " Oppgitt grunn: «%s».",
	"The attached dossier documents the orders, the payments, the correspondence with the sellers and the outcome of each dispute.": "Den vedlagte dokumentasjonen viser ordrene, betalingene, korrespondansen med selgerne og utfallet av hver tvist.",
	" I will gladly provide anything else you need.": " Jeg gir gjerne flere opplysninger om dere trenger det.",
	"I will gladly provide anything else you need.":  "Jeg gir gjerne flere opplysninger om dere trenger det.",
	"Thank you for your time.":                       "Takk for at dere tar dere tid.",

	// Withdrawal
	"Withdrawal from order %s":                                        "Bruk av angrerett: ordre %s",
	"I hereby withdraw from my contract for the sale of these goods:": "Jeg benytter meg herved av angreretten for kjøpet av disse varene:",
	"I use my right of withdrawal (angrerett) under angrerettloven § 21: 14 days from receipt of the goods.":                           "Angrefristen er 14 dager fra jeg mottok varen (angrerettloven § 21).",
	"I use my right of withdrawal under Directive 2011/83/EU, art. 9: 14 days from receipt of the goods.":                              "Angrefristen er 14 dager fra jeg mottok varen (direktiv 2011/83/EU, art. 9).",
	"Please refund %s to the means of payment I used, within 14 days of receiving this notice, and tell me where to return the goods.": "Betal tilbake %s til betalingsmidlet jeg brukte, senest 14 dager etter at dere mottok denne meldingen, og opplys hvor varen skal returneres.",

	// Reklamasjon
	"Complaint about defects (reklamasjon): order %s": "Reklamasjon: ordre %s",
	"The goods I bought have a defect:":               "Varen jeg kjøpte, har en mangel:",
	"I discovered the defect on %s.":                  "Jeg oppdaget mangelen %s.",
	"This is my complaint (reklamasjon) under forbrukerkjøpsloven § 27. I ask for the defect to be remedied by repair or replacement at no cost to me; if that is not done within a reasonable time, I will claim a price reduction (prisavslag) or cancel the purchase (heving) (forbrukerkjøpsloven § 26).": "Dette er min reklamasjon etter forbrukerkjøpsloven § 27. Jeg krever at mangelen rettes ved reparasjon eller omlevering uten kostnad for meg; skjer ikke det innen rimelig tid, vil jeg kreve prisavslag eller heve kjøpet (forbrukerkjøpsloven § 26).",
	"This is my claim under the legal guarantee (Directive (EU) 2019/771). I ask for the goods to be repaired or replaced at no cost to me; if that is not done within a reasonable time, I will claim a price reduction or terminate the contract.":                                                          "Dette er mitt krav etter reklamasjonsretten (direktiv (EU) 2019/771). Jeg krever at varen repareres eller byttes uten kostnad for meg; skjer ikke det innen rimelig tid, vil jeg kreve prisavslag eller heve avtalen.",
	"Please answer %s.": "Svar %s.",

	// Delay
	"Order %s not delivered: last day for delivery %s": "Ordre %s er ikke levert: siste frist for levering %s",
	"The goods I ordered have not been delivered:":     "Varen jeg bestilte, er ikke levert:",
	"I ask you to deliver them by %s, as the additional time for delivery (forbrukerkjøpsloven § 23). If they are not delivered by then, I will cancel the purchase (heving) and ask for the %s I paid back.":    "Jeg ber dere levere innen %s, som tilleggsfrist for levering (forbrukerkjøpsloven § 23). Er varen ikke levert innen da, hever jeg kjøpet og krever tilbake de %s jeg har betalt.",
	"I ask you to deliver them by %s, as the additional period for delivery (Directive 2011/83/EU art. 18(2)). If they are not delivered by then, I will terminate the contract and ask for the %s I paid back.": "Jeg ber dere levere innen %s, som tilleggsfrist for levering (direktiv 2011/83/EU art. 18 nr. 2). Er varen ikke levert innen da, hever jeg avtalen og krever tilbake de %s jeg har betalt.",

	// Unauthorised
	"Payment I did not authorise": "Betaling jeg ikke har godkjent",
	"I did not authorise this payment, or it was executed wrongly (charged twice or a wrong amount):":                                                                                          "Jeg har ikke godkjent denne betalingen, eller den er gjennomført feil (trukket to ganger eller med feil beløp):",
	"I ask you to correct it and to refund %s. I notify you under the rules for unauthorised and wrongly executed payments (Directive (EU) 2015/2366 art. 71), within 13 months of the debit.": "Jeg ber dere rette det og betale tilbake %s. Jeg varsler etter reglene om betalinger som ikke er godkjent eller er gjennomført feil (direktiv (EU) 2015/2366 art. 71), innen 13 måneder etter belastningen.",
}
