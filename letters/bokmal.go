package letters

import "vault/internal/lang"

// bokmal holds the Norwegian bokmål of every fixed text of the letters (a
// test checks that none is missing and that the format verbs match).
var bokmal = lang.Dict{
	// Head, orders, closing
	"To: ":                           "Til: ",
	"Subject: ":                      "Emne: ",
	"reference %s":                   "referanse %s",
	"dispute number %s":              "tvistenummer %s",
	"bank reference %s":              "bankens referanse %s",
	"The account: %s.":               "Kontoen: %s.",
	" Restricted on %s.":             " Begrenset %s.",
	" The reason given: \"%s\".":     " Oppgitt grunn: «%s».",
	"- %s order %s":                  "- %s-ordre %s",
	" from %s":                       " fra %s",
	", ordered %s":                   ", bestilt %s",
	", paid by %s":                   ", betalt med %s",
	" Delivered %s.":                 " Levert %s.",
	" Shipped %s, not delivered":     " Sendt %s, ikke levert",
	" (delivery was promised by %s)": " (levering var lovet innen %s)",
	" Not shipped.":                  " Ikke sendt.",
	"Kind regards,":                  "Med vennlig hilsen",
	"the seller":                     "selgeren",
	"%s, through %s":                 "%s, via %s",

	// What happened, what was tried, what is enclosed
	"The goods I received are defective or not as described.":                                           "Varen jeg mottok, er mangelfull eller ikke som beskrevet.",
	"I have not received the goods.":                                                                    "Jeg har ikke mottatt varen.",
	"I asked the seller to resolve the matter; it was not resolved.":                                    "Jeg har bedt selgeren løse saken; den er ikke løst.",
	"I wrote to the seller %s, first on %s":                                                             "Jeg har skrevet til selgeren %s, første gang %s",
	", and received 1 answer":                                                                           ", og fått 1 svar",
	", and received %d answers":                                                                         ", og fått %d svar",
	"; the matter was not resolved.":                                                                    "; saken er ikke løst.",
	" Its exhibit names the SHA-256 of the original file, so any copy can be checked.":                  " Bilaget oppgir SHA-256 for originalfilen, slik at enhver kopi kan kontrolleres.",
	" Its %d numbered exhibits each name the SHA-256 of the original file, so any copy can be checked.": " De %d nummererte bilagene oppgir SHA-256 for hver originalfil, slik at enhver kopi kan kontrolleres.",

	// Seller
	"Order %s: please resolve this by %s":          "Ordre %s: vennligst løs saken innen %s",
	"Dear seller,":                                 "Hei,",
	"I am writing about this purchase:":            "Jeg skriver om dette kjøpet:",
	"deliver the goods or refund %s":               "levere varen eller betale tilbake %s",
	"repair or replace the goods, or to refund %s": "reparere eller bytte varen, eller betale tilbake %s",
	" I ask you to %s by %s, 14 days from today.":  " Jeg ber dere %s innen %s, 14 dager fra i dag.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act), and this letter is my complaint (reklamasjon) under its § 27.": "Som forbruker viser jeg til forbrukerkjøpsloven, og dette brevet er min reklamasjon etter lovens § 27.",
	"As a consumer I rely on forbrukerkjøpsloven (the Norwegian Consumer Purchases Act).":                                                               "Som forbruker viser jeg til forbrukerkjøpsloven.",
	"As a consumer I rely on Directive (EU) 2019/771 (the legal guarantee) and Directive 2011/83/EU (consumer rights).":                                 "Som forbruker viser jeg til direktiv (EU) 2019/771 (reklamasjonsrett) og direktiv 2011/83/EU (forbrukerrettigheter).",
	"If the matter is not resolved by then, I will open a dispute with %s or ask my card issuer for a chargeback, and attach this letter.":              "Er saken ikke løst innen fristen, vil jeg åpne en tvist hos %s eller be kortutstederen om tilbakeføring (chargeback), og legge ved dette brevet.",

	// Dispute
	"%s dispute resolution":     "%s tvisteløsning",
	"Dispute about order %s":    "Tvist om ordre %s",
	"I dispute this purchase:":  "Jeg bestrider dette kjøpet:",
	"I ask for a refund of %s.": "Jeg krever tilbakebetaling av %s.",
	" The enclosed dossier documents the purchase and the correspondence.": " Vedlagt dokumentasjon viser kjøpet og korrespondansen.",

	// Chargeback
	"my card issuer":     "kortutstederen min",
	"Chargeback request": "Kortreklamasjon",
	"I dispute the following card payment and ask for a chargeback of %s:":                                                          "Jeg bestrider denne kortbetalingen og ber om tilbakeføring (chargeback) av %s:",
	"For purchases with a credit card, the card issuer is jointly liable with the seller (finansavtaleloven § 2-7).":                "Ved kjøp med kredittkort er kortutstederen solidarisk ansvarlig med selgeren (finansavtaleloven § 2-7).",
	"The enclosed dossier holds the order confirmation, the proof of payment, the tracking and the correspondence with the seller.": "Den vedlagte dokumentasjonen inneholder ordrebekreftelsen, betalingsbeviset, sporingen og korrespondansen med selgeren.",

	// Reinstatement
	"%s customer service":             "%s kundeservice",
	"Request to reinstate my account": "Anmodning om å gjenåpne kontoen min",
	"Hello,":                          "Hei,",
	"My %s account has been restricted. I politely ask you to review the decision and to reinstate the account. The restriction came after this purchase:":                                                       "%s-kontoen min er blitt begrenset. Jeg ber vennligst om at dere vurderer avgjørelsen på nytt og gjenåpner kontoen. Begrensningen kom etter dette kjøpet:",
	"I use the account for ordinary purchases. When something went wrong, I contacted the seller first and opened a dispute only when the seller did not resolve it. These are all my disputes and chargebacks:": "Jeg bruker kontoen til vanlige kjøp. Når noe har gått galt, har jeg kontaktet selgeren først og bare åpnet en tvist når selgeren ikke løste saken. Dette er alle mine tvister og tilbakeføringer:",
	"- %s: %s about order %s, opened %s, %s.": "- %s: %s om ordre %s, åpnet %s, %s.",
	"- none": "- ingen",
	"The attached dossier documents the orders, the payments, the correspondence with the sellers and the outcome of each dispute.": "Den vedlagte dokumentasjonen viser ordrene, betalingene, korrespondansen med selgerne og utfallet av hver tvist.",
	" I will gladly provide anything else you need.": " Jeg gir gjerne flere opplysninger om dere trenger det.",
	"Thank you for your time.":                       "Takk for at dere tar dere tid.",

	// Withdrawal
	"Withdrawal from order %s":                                        "Bruk av angrerett: ordre %s",
	"I hereby withdraw from my contract for the sale of these goods:": "Jeg benytter meg herved av angreretten for kjøpet av disse varene:",
	"I use my right of withdrawal (angrerett) under angrerettloven § 21: 14 days from receipt of the goods.":                           "Angrefristen er 14 dager fra jeg mottok varen (angrerettloven § 21).",
	"I use my right of withdrawal under Directive 2011/83/EU, art. 9: 14 days from receipt of the goods.":                              "Angrefristen er 14 dager fra jeg mottok varen (direktiv 2011/83/EU, art. 9).",
	"Please refund %s to the means of payment I used, within 14 days of receiving this notice, and tell me where to return the goods.": "Vennligst betal tilbake %s til betalingsmidlet jeg brukte, senest 14 dager etter at dere mottok denne meldingen, og opplys hvor varen skal returneres.",

	// Reklamasjon
	"Complaint about defects (reklamasjon): order %s": "Reklamasjon: ordre %s",
	"The goods I bought have a defect:":               "Varen jeg kjøpte, har en mangel:",
	"This is my complaint (reklamasjon) under forbrukerkjøpsloven § 27, made within two months of discovering the defect and within the limits of two years from delivery (five years for goods meant to last substantially longer).": "Dette er min reklamasjon etter forbrukerkjøpsloven § 27, fremsatt innen to måneder etter at jeg oppdaget mangelen og innen fristen på to år fra levering (fem år for varer som er ment å vare vesentlig lenger).",
	"This is my claim under the legal guarantee of at least two years from delivery (Directive (EU) 2019/771).":                                                                                                                       "Dette er mitt krav etter reklamasjonsretten på minst to år fra levering (direktiv (EU) 2019/771).",
	" The enclosed dossier documents the purchase and the defect.": " Vedlagt dokumentasjon viser kjøpet og mangelen.",
	"I ask for the goods to be repaired or replaced at no cost to me; if that is not done within a reasonable time, I ask for a refund of %s. Please answer by %s.": "Jeg krever at varen repareres eller byttes uten kostnad for meg; skjer ikke det innen rimelig tid, krever jeg tilbakebetaling av %s. Vennligst svar innen %s.",
}
