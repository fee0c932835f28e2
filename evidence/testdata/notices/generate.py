#!/usr/bin/env python3
"""Writes the .eml fixtures of the notice recognisers' tests: the mails
AliExpress, Temu, Amazon, eBay and PayPal send about an order or an account
(confirmation, shipment, delivery, dispute opened and decided, refund,
restriction), with the senders, subjects and layout of the real ones, in
English and, where the sender writes it, Norwegian (Temu, PayPal) and German
(Amazon.de). Two phishing mails and a personal mail are no notices.

Run it in this directory; the files it writes are committed, so the tests
need only Go. Each mail is multipart/alternative (text and HTML) unless
html_only, as Temu sends them.
"""
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.header import Header
from email.utils import formataddr, parseaddr
import html

KARI = 'Kari Nordmann <kari.nordmann@example.no>'


def address(s):
    name, addr = parseaddr(s)
    return formataddr((name, addr), charset='utf-8') if name else addr


def as_html(text):
    """The HTML part: "Label: value" lines as table rows, the rest as
    paragraphs, as the marketplaces lay out their mails."""
    rows, out = [], ['<html><head><style>td{padding:4px}</style></head><body>']
    def flush():
        if rows:
            out.append('<table>' + ''.join('<tr><td>%s</td><td><b>%s</b></td></tr>' % r for r in rows) + '</table>')
            rows.clear()
    for line in text.split('\n'):
        label, sep, value = line.partition(': ')
        if sep and len(label) < 30 and value:
            rows.append((html.escape(label + ':'), html.escape(value)))
            continue
        flush()
        if line:
            out.append('<p>%s</p>' % html.escape(line))
    flush()
    out.append('</body></html>')
    return '\n'.join(out)


def mail(name, frm, subj, date, mid, text, to=KARI, html_only=False):
    if html_only:
        m = MIMEText(as_html(text), 'html', 'utf-8')
    else:
        m = MIMEMultipart('alternative')
        m.attach(MIMEText(text, 'plain', 'utf-8'))
        m.attach(MIMEText(as_html(text), 'html', 'utf-8'))
    m['Received'] = ('from mta-out.example.net (mta-out.example.net [203.0.113.7]) '
                     'by mx.example.no with ESMTPS id 4F1; ' + date)
    m['From'] = address(frm)
    m['To'] = address(to)
    m['Subject'] = Header(subj, 'utf-8').encode()
    m['Date'] = date
    m['Message-ID'] = mid
    open(name, 'wb').write(m.as_bytes().replace(b'\n', b'\r\n'))


ALI = '8140123456789012'
mail('aliexpress-confirmation.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Order %s: payment confirmed' % ALI, 'Mon, 02 Feb 2026 09:14:00 +0800', '<20260202091400.%s@notice.aliexpress.com>' % ALI,
     'Hi Kari,\n\nThank you for your order! We have received your payment.\n\nOrder number: %s\n'
     'Order date: Feb 2, 2026\nStore: Shenzhen Gadget Store\nItem: USB-C charger 65W GaN x 1\nTotal: US $23.90\n\n'
     'View order details: https://www.aliexpress.com/p/order/detail.html?orderId=%s\n\nAliExpress' % (ALI, ALI))
mail('aliexpress-shipped.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Your order %s has been shipped' % ALI, 'Thu, 05 Feb 2026 16:02:00 +0800', '<20260205160200.%s@notice.aliexpress.com>' % ALI,
     'Good news, Kari! Your package is on its way.\n\nOrder number: %s\nTracking number: LP00612345678901\n'
     'Logistics company: Cainiao Super Economy Global\nEstimated delivery: Feb 20 - Mar 10\n\n'
     'Track your package: https://global.cainiao.com/detail.htm?mailNoList=LP00612345678901' % ALI)
mail('aliexpress-delivered.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Your package has been delivered', 'Wed, 18 Feb 2026 13:40:00 +0800', '<20260218134000.%s@notice.aliexpress.com>' % ALI,
     'Hi Kari,\n\nYour package has been delivered. Please confirm receipt if you are satisfied.\n\n'
     'Order number: %s\nTracking number: LP00612345678901\n\nAliExpress' % ALI)
mail('aliexpress-dispute-opened.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Dispute opened for order %s' % ALI, 'Fri, 20 Feb 2026 10:05:00 +0800', '<20260220100500.dispute@notice.aliexpress.com>',
     'Hi Kari,\n\nYou have opened a dispute for order %s.\n\nDispute ID: 5091234567890123\n'
     'Dispute reason: Item not as described\nRequested refund: US $23.90\n\n'
     'The seller has 5 days to respond. If you cannot reach an agreement, AliExpress will step in.' % ALI)
mail('aliexpress-dispute-closed.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Dispute closed: order %s' % ALI, 'Sat, 28 Feb 2026 11:30:00 +0800', '<20260228113000.dispute@notice.aliexpress.com>',
     'Dear Kari,\n\nYour dispute (ID: 5091234567890123) for order %s has been closed.\n\n'
     'Result: Refund agreed by the seller\nRefund amount: US $23.90\n\n'
     'The refund will be returned to your original payment method within 3-20 business days.\n\nAliExpress' % ALI)
mail('aliexpress-refund.eml', 'AliExpress <transaction@notice.aliexpress.com>',
     'Refund processed for order %s' % ALI, 'Tue, 03 Mar 2026 08:20:00 +0800', '<20260303082000.refund@notice.aliexpress.com>',
     'Hi Kari,\n\nYour refund of US $23.90 has been processed.\n\nOrder number: %s\nRefund amount: US $23.90\n'
     'Refund method: Original payment method\n\nAliExpress' % ALI)
RESTRICTED = ('Dear AliExpress member,\n\nWe have restricted your account kari.nordmann@example.no because we detected '
              'activity that violates the AliExpress Terms of Use.\n\nReason: Abnormal dispute activity\n'
              'Restriction date: Mar 2, 2026\n\nWhile your account is restricted you cannot place orders or open disputes.\n'
              'If you believe this is a mistake, you can submit an appeal within 30 days at %s.\n\nAliExpress Security Team')
mail('aliexpress-restricted.eml', 'AliExpress <no-reply@service.aliexpress.com>',
     'Your AliExpress account has been restricted', 'Mon, 02 Mar 2026 18:45:00 +0800', '<20260302184500.risk@service.aliexpress.com>',
     RESTRICTED % 'https://sale.aliexpress.com/appeal.htm', to='kari.nordmann@example.no')
# The same words from a domain that only contains the name: anyone's.
mail('aliexpress-phishing.eml', 'AliExpress Security <security@aliexpress-account-review.com>',
     'Your AliExpress account has been restricted', 'Mon, 02 Mar 2026 19:01:00 +0000', '<x81@aliexpress-account-review.com>',
     RESTRICTED % 'https://aliexpress-account-review.com/login', to='kari.nordmann@example.no')

TEMU = 'PO-211-04827365019283746'
mail('temu-confirmation.eml', 'Temu <orders@temu.com>', 'Your Temu order confirmation', 'Tue, 03 Feb 2026 20:11:00 +0100',
     '<order-confirm-04827365019283746@temu.com>',
     'Thank you for shopping with Temu!\n\nOrder ID: %s\nOrder time: Feb 3, 2026\nItems: 3\n'
     'Order total: 289,40 kr\n\nWe will let you know when your items ship.' % TEMU, html_only=True)
mail('temu-shipped.eml', 'Temu <orders@temu.com>', 'Your Temu order has shipped', 'Fri, 06 Feb 2026 07:30:00 +0100',
     '<shipped-04827365019283746@temu.com>',
     'Your package is on its way!\n\nOrder ID: %s\nTracking number: 00370712345678901234\nCarrier: PostNord\n\n'
     'Track your package in the Temu app.' % TEMU, html_only=True)
mail('temu-shipped-nb.eml', 'Temu <orders@temu.com>', 'Pakken din er sendt', 'Sat, 07 Feb 2026 08:12:00 +0100',
     '<shipped-nb-04827365019283746@temu.com>',
     'Hei Kari!\n\nPakke 2 av 2 med bestilling %s er på vei.\n\nSporingsnummer: 70712345678901234567\n'
     'Transportør: Posten Bring\n\nDu kan følge pakken i Temu-appen.' % TEMU, html_only=True)
mail('temu-delivered-nb.eml', 'Temu <orders@temu.com>', 'Pakken din er levert', 'Thu, 12 Feb 2026 14:55:00 +0100',
     '<delivered-nb-04827365019283746@temu.com>',
     'Hei Kari!\n\nPakken din er levert. Vi håper du liker varene.\n\nBestillingsnummer: %s\n\n'
     'Er noe galt? Du kan be om retur eller refusjon innen 90 dager.' % TEMU, html_only=True)
mail('temu-refund.eml', 'Temu <orders@temu.com>', 'Your refund has been processed', 'Mon, 16 Feb 2026 09:00:00 +0100',
     '<refund-04827365019283746@temu.com>',
     'Hi Kari,\n\nWe have processed your refund.\n\nOrder ID: %s\nRefund amount: 89,90 kr\n'
     'Refunded to: Original payment method\n\nIt may take 5-14 business days to reach your account.' % TEMU, html_only=True)

AMZ = '302-4412907-5530021'
mail('amazon-confirmation.eml', '"Amazon.de" <auto-confirm@amazon.de>', 'Your Amazon.de order of "Anker PowerCore 10000"',
     'Tue, 03 Feb 2026 12:01:00 +0100', '<0100018d6a1f.amazon-confirm@email.amazon.de>',
     'Hello Kari Nordmann,\n\nThank you for your order. We will send a confirmation when your item ships.\n\n'
     'Order #%s\nPlaced on 3 February 2026\nSold by: Anker EU\nOrder Total: €35,99\n\nAmazon.de' % AMZ)
mail('amazon-shipped-de.eml', '"Amazon.de" <versandbestaetigung@amazon.de>',
     'Versandbestätigung zu Ihrer Bestellung %s' % AMZ, 'Wed, 04 Feb 2026 15:44:00 +0100', '<0100018d6f.versand@email.amazon.de>',
     'Guten Tag Kari Nordmann,\n\nIhre Sendung ist unterwegs.\n\nBestellnummer: %s\nSendungsnummer: 00340434512345678901\n'
     'Versand mit: DHL\nVoraussichtliche Zustellung: Montag, 9. Februar\n\nAmazon.de' % AMZ)
mail('amazon-delivered.eml', '"Amazon.de" <shipment-tracking@amazon.de>', 'Delivered: Your Amazon.de package',
     'Mon, 09 Feb 2026 17:20:00 +0100', '<0100018d7a.delivered@email.amazon.de>',
     'Hello Kari,\n\nYour package was delivered. It was handed to a resident.\n\nOrder #%s\n\nAmazon.de' % AMZ)
mail('amazon-claim-opened.eml', 'Amazon <a-to-z-claims@amazon.de>', 'Your A-to-z Guarantee claim has been received',
     'Mon, 16 Feb 2026 10:10:00 +0100', '<0100018d8b.claim@email.amazon.de>',
     'Hello Kari,\n\nWe have received your A-to-z Guarantee claim for order %s.\n\nClaim amount: EUR 35,99\n\n'
     'We will let you know of our decision within 7 days.' % AMZ)
mail('amazon-claim-decided.eml', 'Amazon <a-to-z-claims@amazon.de>', 'Decision on your A-to-z Guarantee claim',
     'Mon, 23 Feb 2026 10:10:00 +0100', '<0100018d9c.decision@email.amazon.de>',
     'Hello Kari,\n\nWe have reviewed your A-to-z Guarantee claim for order %s and decided in your favour.\n'
     'We have granted your claim and issued a refund of EUR 35,99 to your original payment method.' % AMZ)
mail('amazon-refund.eml', '"Amazon.de" <return@amazon.de>', 'Your refund for Anker PowerCore 10000',
     'Tue, 24 Feb 2026 09:00:00 +0100', '<0100018d9d.refund@email.amazon.de>',
     "Hello Kari,\n\nWe've processed your refund.\n\nOrder #%s\nRefund total: €35,99\n\n"
     'The refund will appear on your statement within 3-5 business days.' % AMZ)
mail('amazon-restricted.eml', 'Amazon <account-update@amazon.com>', 'Your Amazon account is on hold',
     'Thu, 05 Mar 2026 06:30:00 +0000', '<0100018e01.hold@email.amazon.com>',
     'Hello,\n\nWe have placed your Amazon.de account on hold and cancelled any pending orders because of unusual '
     'payment activity.\n\nAccount: kari.nordmann@example.no\n\nTo restore your account, please provide the '
     'requested information by 20 March 2026.\n\nAmazon Account Specialist')

EBAY = '14-12045-33170'
mail('ebay-confirmation.eml', 'eBay <ebay@ebay.com>', 'Order confirmed: Vintage desk lamp', 'Wed, 04 Feb 2026 21:03:00 +0000',
     '<ebay-order-confirm-14-12045-33170@ebay.com>',
     "Hi Kari,\n\nYour order is confirmed. We'll let you know when it ships.\n\nOrder number: %s\n"
     'Seller: gadget_world_uk\nItem: Vintage desk lamp, brass\nYou paid £18.50' % EBAY)
mail('ebay-shipped.eml', 'eBay <ebay@ebay.com>', 'Your order is on its way: Vintage desk lamp', 'Fri, 06 Feb 2026 09:40:00 +0000',
     '<ebay-shipped-14-12045-33170@ebay.com>',
     'Hi Kari,\n\ngadget_world_uk has shipped your item.\n\nOrder number: %s\nTracking number: RB123456789GB\n'
     'Carrier: Royal Mail\nEstimated delivery: Thu, 12 Feb - Wed, 18 Feb' % EBAY)
mail('ebay-delivered.eml', 'eBay <ebay@ebay.com>', 'Your item was delivered: Vintage desk lamp', 'Tue, 17 Feb 2026 15:00:00 +0000',
     '<ebay-delivered-14-12045-33170@ebay.com>',
     "Hi Kari,\n\nYour item was delivered. If something's wrong, you can report a problem.\n\nOrder number: %s" % EBAY)
mail('ebay-case-opened.eml', 'eBay <ebay@ebay.com>', "You've opened a request: Vintage desk lamp",
     'Wed, 18 Feb 2026 19:00:00 +0000', '<ebay-request-5213456789@ebay.com>',
     "Hi Kari,\n\nWe've let the seller know that the item doesn't match the description.\n\nCase number: 5213456789\n"
     'Order number: %s\n\nThe seller has 3 business days to respond.' % EBAY)
mail('ebay-case-closed.eml', 'eBay <ebay@ebay.com>', "We've closed your case: Vintage desk lamp",
     'Thu, 26 Feb 2026 12:00:00 +0000', '<ebay-case-closed-5213456789@ebay.com>',
     "Hi Kari,\n\nCase number: 5213456789\nOrder number: %s\n\nWe've decided this case in your favour under the eBay "
     "Money Back Guarantee. We've refunded £18.50 to your original payment method." % EBAY)
mail('ebay-restricted.eml', 'eBay <ebay@ebay.com>', "We've restricted your account", 'Tue, 10 Mar 2026 08:00:00 +0000',
     '<ebay-restricted-kari@ebay.com>',
     "Hi Kari,\n\nWe've restricted your account because it doesn't meet our performance standards.\n\n"
     'User ID: kari_nordmann_77\nReason: Too many cases closed without seller resolution\n\n'
     'You can appeal this decision by 24 March 2026 in your account settings.')

mail('paypal-dispute-opened.eml', 'PayPal <service@paypal.com>', "You've opened a dispute", 'Thu, 19 Feb 2026 10:00:00 +0000',
     '<PP-D-12345678.opened@paypal.com>',
     "Hello Kari Nordmann,\n\nYou've opened a dispute with gadget_world_uk. We've asked the seller to respond.\n\n"
     'Case ID: PP-D-12345678\nSeller: gadget_world_uk\nTransaction ID: 4AB12345CD6789012\nInvoice ID: %s\n'
     'Amount: £18.50\n\nPayPal' % EBAY)
mail('paypal-dispute-decided.eml', 'PayPal <service@paypal.com>', "We've closed your case PP-D-12345678",
     'Fri, 27 Feb 2026 10:00:00 +0000', '<PP-D-12345678.closed@paypal.com>',
     "Hello Kari Nordmann,\n\nCase ID: PP-D-12345678\nInvoice ID: %s\n\nWe've decided in your favour and refunded "
     '£18.50 to your PayPal account.\n\nPayPal' % EBAY)
mail('paypal-refund-nb.eml', 'PayPal <service@paypal.no>', 'Du har fått en refusjon fra gadget_world_uk',
     'Sat, 28 Feb 2026 09:30:00 +0100', '<refund-nb-4AB12345CD6789012@paypal.no>',
     'Hei Kari Nordmann,\n\ngadget_world_uk har sendt deg en refusjon.\n\nRefusjonsbeløp: 18,50 GBP\n'
     'Fakturanummer: %s\nTransaksjons-ID: 7XY98765AB4321098\n\nPayPal' % EBAY)
mail('paypal-limited.eml', 'PayPal <service@intl.paypal.com>', 'Your account access has been limited',
     'Wed, 11 Mar 2026 07:15:00 +0000', '<limited-kari@intl.paypal.com>',
     "Dear Kari Nordmann,\n\nWe've limited your account because we noticed some unusual activity.\n\n"
     'Reason: We need more information about your recent transactions\n\n'
     'Please respond within 21 days, or your account may remain limited.\n\nPayPal', to='kari.nordmann@example.no')
# A display name that is itself PayPal's address, before a stranger's.
mail('paypal-phishing.eml', '"service@paypal.com" <alert@paypa1-secure.example>', 'Your account access has been limited',
     'Wed, 11 Mar 2026 07:20:00 +0000', '<p1@paypa1-secure.example>',
     "Dear customer,\n\nWe've limited your account. Reason: unusual activity\n\nPlease respond within 2 days.",
     to='kari.nordmann@example.no')

mail('personal.eml', 'Ola Nordmann <ola.nordmann@gmail.com>', 'Re: refusjon fra AliExpress?',
     'Sun, 01 Mar 2026 20:00:00 +0100', '<CAB0personal@mail.gmail.com>',
     'Hei Kari!\n\nFikk du refusjonen for laderen? Min AliExpress-konto ble sperret i fjor, så pass på.\n\n'
     'Order number: %s\nRefund amount: US $23.90\n\nKlem, Ola' % ALI)
