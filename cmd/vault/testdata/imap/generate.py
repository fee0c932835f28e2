#!/usr/bin/env python3
"""Writes the mailbox of the IMAP tests: the mails a buyer's INBOX holds.

Three from AliExpress (the order confirmed, the dispute closed, the account
restricted), one from Temu (shipped), two personal ones, and one more from
AliExpress (a refund) that arrives later. They look as the senders' mails
look: Received and DKIM-Signature headers, multipart/alternative with text
and HTML, quoted-printable and base64, encoded names and subjects, a
picture. Run it in this directory; the files are committed, so the tests
need only Go.
"""
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.image import MIMEImage
from email.header import Header
from email import charset as cs
from email.utils import formataddr, parseaddr
import struct, zlib


def png(w=8, h=6):
    raw = b''.join(b'\x00' + bytes([40, 120, 200] * w) for _ in range(h))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def address(s):
    name, addr = parseaddr(s)
    return formataddr((name, addr), charset='utf-8') if name else addr


def head(m, frm, subj, date, mid, domain, ip):
    m['Received'] = ('from %s (%s [%s]) by mx.example.no (Postfix) with ESMTPS id 4Hx2K1; %s'
                     % (domain, domain, ip, date))
    m['DKIM-Signature'] = ('v=1; a=rsa-sha256; c=relaxed/relaxed; d=%s; s=s2048; '
                           'h=from:to:subject:date:message-id; bh=frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=; '
                           'b=Zm9yIHRlc3RzIG9ubHk6IG5vdCBhIHJlYWwgc2lnbmF0dXJl' % domain)
    m['From'] = address(frm)
    m['To'] = address('Kari Nordmann <kari.nordmann@example.no>')
    m['Subject'] = subj if subj.isascii() else Header(subj, 'utf-8').encode()
    m['Date'] = date
    m['Message-ID'] = mid
    m['MIME-Version'] = '1.0'


def part(body, subtype, encoding):
    c = cs.Charset('utf-8')
    c.body_encoding = encoding
    return MIMEText(body, subtype, c)


def alternative(text, html, encoding=cs.QP):
    m = MIMEMultipart('alternative')
    m.attach(part(text, 'plain', encoding))
    m.attach(part(html, 'html', encoding))
    return m


def page(title, rows):
    cells = ''.join('<tr><td style="color:#666;padding:4px 12px 4px 0">%s</td><td style="padding:4px 0">%s</td></tr>'
                    % r for r in rows)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>%s</title></head>'
            '<body style="font-family:Arial,sans-serif;background:#f5f5f5"><table width="600" align="center" '
            'style="background:#fff"><tr><td style="padding:24px"><img src="https://ae01.alicdn.com/kf/logo.png" '
            'alt="AliExpress" width="120"><h2>%s</h2><table>%s</table>'
            '<p style="font-size:12px;color:#999">This email was sent to kari.nordmann@example.no. '
            'Please do not reply to this email.</p></td></tr></table></body></html>' % (title, title, cells))


def write(name, m):
    open(name, 'wb').write(m.as_bytes().replace(b'\n', b'\r\n'))


m = alternative(
    'Dear Kari,\n\nThank you for your order!\n\nOrder number: 8123456789012345\nOrder date: Oct 2, 2026\n'
    'Store: Shenzhen Gadget Store\nItem: USB-C charger 65W GaN, 2 ports x 1\nTotal: NOK 349,00\n\n'
    'Track your order at https://www.aliexpress.com/p/order/index.html\n\nAliExpress',
    page('Your order 8123456789012345 is confirmed', [('Order number', '8123456789012345'), ('Order date', 'Oct 2, 2026'),
         ('Store', 'Shenzhen Gadget Store'), ('Item', 'USB-C charger 65W GaN, 2 ports &times; 1'), ('Total', 'NOK 349,00')]))
head(m, 'AliExpress <transaction@notice.aliexpress.com>', 'Order 8123456789012345: your order is confirmed',
     'Fri, 02 Oct 2026 14:30:12 +0800', '<20261002063012.8123456789012345.transaction@notice.aliexpress.com>',
     'notice.aliexpress.com', '47.246.136.40')
write('1-aliexpress-order.eml', m)

m = alternative(
    'Dear Kari,\n\nThe dispute for order 8123456789012345 is closed.\n\nDispute ID: 5012345678901234\n'
    'Result: refund of NOK 349,00 to your original payment method.\nReason: item not received\n\n'
    'The refund reaches you in 3-20 business days, depending on your bank.\n\nAliExpress Buyer Protection',
    page('Dispute closed: refund approved', [('Order number', '8123456789012345'), ('Dispute ID', '5012345678901234'),
         ('Result', 'Refund NOK 349,00'), ('Reason', 'Item not received')]), encoding=cs.BASE64)
head(m, 'AliExpress <dispute@notice.aliexpress.com>', 'Dispute closed for order 8123456789012345',
     'Tue, 17 Nov 2026 09:12:40 +0800', '<20261117011240.5012345678901234.dispute@notice.aliexpress.com>',
     'notice.aliexpress.com', '47.246.136.41')
write('2-aliexpress-dispute-closed.eml', m)

m = alternative(
    'Dear Kari,\n\nYour AliExpress account kari.nordmann@example.no has been restricted because of '
    'unusual dispute activity, in line with the AliExpress Terms of Use.\n\nWhile the account is restricted '
    'you cannot place orders or open disputes. If you believe this is a mistake, you may appeal within '
    '14 days: https://www.aliexpress.com/p/account-appeal\n\nAliExpress Account Security',
    page('Your account has been restricted', [('Account', 'kari.nordmann@example.no'),
         ('Reason', 'Unusual dispute activity'), ('Appeal by', 'Dec 3, 2026')]), encoding=cs.BASE64)
head(m, 'AliExpress Account Security <account@service.aliexpress.com>', 'Important: your AliExpress account has been restricted',
     'Thu, 19 Nov 2026 16:05:03 +0800', '<20261119080503.acct.kari@service.aliexpress.com>',
     'service.aliexpress.com', '47.246.137.12')
write('3-aliexpress-account-restricted.eml', m)

m = alternative(
    'Hi Kari,\n\nGood news: your package is on its way!\n\nOrder PO-211-09876543210987654\nCarrier: PostNord\n'
    'Tracking number: UH123456789NO\nEstimated delivery: Oct 12 - Oct 16\n\nTemu',
    '<html><body style="font-family:Helvetica"><h1 style="color:#fb7701">Your package is on its way!</h1>'
    '<p>Order <b>PO-211-09876543210987654</b></p><p>Carrier: PostNord<br>Tracking number: '
    '<a href="https://www.postnord.no/sporing?id=UH123456789NO">UH123456789NO</a></p>'
    '<p>Estimated delivery: Oct 12 &ndash; Oct 16</p></body></html>')
head(m, 'Temu <orders@order.temu.com>', '📦 Your Temu package has shipped', 'Mon, 05 Oct 2026 03:41:09 +0000',
     '<0100019263f1a7c2-6c0e.shipping@order.temu.com>', 'order.temu.com', '54.240.4.18')
write('4-temu-shipped.eml', m)

m = part('Hei Kari!\n\nKommer du på middag lørdag? Vi lager fårikål, og Per tar med blåbærpai.\n\nKlem\nOla',
         'plain', cs.QP)
head(m, 'Ola Nordmann <ola.nordmann@gmail.com>', 'Middag på lørdag?', 'Wed, 07 Oct 2026 19:02:55 +0200',
     '<CAF3x9q=middag.lordag@mail.gmail.com>', 'mail-sor-f41.google.com', '209.85.220.41')
write('5-personal-dinner.eml', m)

m = MIMEMultipart('mixed')
m.attach(part('Hei vennen,\n\nHer er bildet fra hytta. Ring når du har tid.\n\nKlem, mamma', 'plain', cs.QP))
img = MIMEImage(png(), 'png')
img.add_header('Content-Disposition', 'attachment', filename='hytta.png')
m.attach(img)
head(m, 'Mamma <randi.nordmann@online.no>', 'Bilde fra hytta', 'Sat, 10 Oct 2026 11:20:00 +0200',
     '<5f2c1e8a-hytta@online.no>', 'smtp.online.no', '148.123.15.77')
write('6-personal-photo.eml', m)

m = alternative(
    'Dear Kari,\n\nYour refund for order 8123456789012345 has been issued.\n\nRefund amount: NOK 349,00\n'
    'Refund to: Visa ending in 4242\n\nIt may take 3-20 business days to reach your account.\n\nAliExpress',
    page('Refund issued', [('Order number', '8123456789012345'), ('Refund amount', 'NOK 349,00'),
         ('Refund to', 'Visa ending in 4242')]))
head(m, 'AliExpress <transaction@notice.aliexpress.com>', 'Refund issued for order 8123456789012345',
     'Wed, 18 Nov 2026 10:00:00 +0800', '<20261118020000.8123456789012345.refund@notice.aliexpress.com>',
     'notice.aliexpress.com', '47.246.136.40')
write('7-aliexpress-refund.eml', m)
