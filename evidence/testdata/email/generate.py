#!/usr/bin/env python3
"""Writes the .eml and .mbox fixtures of evidence's email tests.

Python's email package encodes charsets and transfer encodings the way mail
clients do, which is the point of these fixtures. Run it in this directory;
the files it writes are committed, so the tests need only Go.
"""
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.header import Header
from email import charset as cs
from email.message import Message
from email.utils import formataddr, parseaddr
import base64, struct, zlib


def png(w=4, h=3):
    raw = b''.join(b'\x00' + bytes([200, 30, 30] * w) for _ in range(h))
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def common(m, frm, to, subj, date, mid, charset='utf-8'):
    m['Received'] = ('from mta-out.example.net (mta-out.example.net [203.0.113.7]) '
                     'by mx.example.no with ESMTPS id 4F1; ' + date)
    m['Received'] = 'from internal.example.net by mta-out.example.net; ' + date
    m['DKIM-Signature'] = ('v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.net; s=sel1; '
                           'h=from:to:subject:date; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; '
                           'b=dGhpcyBpcyBub3QgYSByZWFsIHNpZ25hdHVyZQ==')
    m['From'] = address(frm)
    m['To'] = address(to)
    m['Subject'] = Header(subj, charset).encode() if charset else subj
    m['Date'] = date
    m['Message-ID'] = mid
    return m


def address(s):
    # Only the display name is encoded, as mail clients do.
    name, addr = parseaddr(s)
    return formataddr((name, addr), charset='utf-8') if name else addr


def write(name, m):
    open(name, 'wb').write(m.as_bytes().replace(b'\n', b'\r\n'))


def text(body, charset, encoding):
    c = cs.Charset(charset)
    c.body_encoding = encoding
    return MIMEText(body, 'plain', c)


# AliExpress order confirmation: UTF-8, text + HTML, emoji in the subject.
m = MIMEMultipart('alternative')
common(m, 'AliExpress <transaction@notice.aliexpress.com>', 'Åse Nordmann <ase@example.no>',
       '✅ Order 8123456789012345 confirmed', 'Fri, 02 Oct 2026 14:30:00 +0800',
       '<20261002143000.8123456789012345@notice.aliexpress.com>')
m.attach(MIMEText('Hi Åse,\n\nThank you for your order!\nOrder number: 8123456789012345\n'
                  'Order date: 2026-10-02\nSeller: Shenzhen Gadget Store\nItem: USB-C charger 65W x 1\n'
                  'Total: NOK 349,00\n\nAliExpress', 'plain', 'utf-8'))
m.attach(MIMEText('<html><body><p>Hi Åse,</p><p>Thank you for your order!</p><p>Order number: '
                  '<b>8123456789012345</b></p><p>Total: NOK 349,00</p></body></html>', 'html', 'utf-8'))
write('aliexpress-confirmation.eml', m)

# A seller's reply in ISO-8859-1, quoted-printable, with an encoded subject.
t = text('Hei!\n\nPakken med blåbærsyltetøy er sendt. Sporingsnummer LP00123456789CN.\n'
         'Vennlig hilsen\nButikk Øst', 'iso-8859-1', cs.QP)
common(t, '"Butikk Øst" <salg@butikk-ost.example>', 'ase@example.no',
       'Re: Bestilling 8123456789012345 - blåbær', 'Mon, 05 Oct 2026 09:15:00 +0200',
       '<qp-latin1@butikk-ost.example>', 'iso-8859-1')
write('seller-latin1.eml', t)

# windows-1252 with the euro sign and curly quotes, sent as 8bit.
t = text('The refund of 49,90 € was “approved” – see you.', 'windows-1252', None)
common(t, 'Shop <shop@example.de>', 'ase@example.no', 'Refund approved', 'Tue, 06 Oct 2026 10:00:00 +0200',
       '<cp1252@example.de>', None)
write('windows-1252.eml', t)

# KOI8-R, base64.
t = text('Здравствуйте! Ваш заказ отправлен.', 'koi8-r', cs.BASE64)
common(t, 'Продавец <seller@example.ru>', 'ase@example.no', 'Заказ отправлен',
       'Wed, 07 Oct 2026 11:00:00 +0300', '<koi8r@example.ru>', 'koi8-r')
write('koi8-r.eml', t)

# GB2312, base64.
t = text('您好，您的包裹已发货，请耐心等待。', 'gb2312', cs.BASE64)
common(t, '卖家 <seller@example.cn>', 'ase@example.no',  # Python would label the subject eucgb2312_cn
       '=?gb2312?b?' + base64.b64encode('包裹已发货'.encode('gb2312')).decode() + '?=',
       'Thu, 08 Oct 2026 12:00:00 +0800', '<gb2312@example.cn>', None)
write('gb2312.eml', t)

# Shift_JIS, base64 (by hand: Python's shift_jis charset sends iso-2022-jp).
t = Message()
t['MIME-Version'] = '1.0'
t['Content-Type'] = 'text/plain; charset="shift_jis"'
t['Content-Transfer-Encoding'] = 'base64'
t.set_payload(base64.encodebytes('ご注文の商品を発送しました。'.encode('shift_jis')).decode())
common(t, 'ショップ <shop@example.jp>', 'ase@example.no',
       '=?shift_jis?B?' + base64.b64encode('発送のお知らせ'.encode('shift_jis')).decode() + '?=',
       'Fri, 09 Oct 2026 13:00:00 +0900', '<sjis@example.jp>', None)
write('shift_jis.eml', t)

# HTML only: the vault keeps a text rendering.
t = MIMEText('<html><body><h1>Your parcel is delayed</h1><p>Tracking '
             '<a href="https://track.example/LP001">LP001</a> &amp; more.</p></body></html>', 'html', 'utf-8')
common(t, 'Carrier <noreply@posten.no>', 'ase@example.no', 'Parcel delayed', 'Sat, 10 Oct 2026 08:00:00 +0200',
       '<html-only@posten.no>')
write('html-only.eml', t)

# Attachments: an image, a PDF whose name tries to escape, an RFC 2231 UTF-8 name.
m = MIMEMultipart('mixed')
common(m, 'Seller <seller@example.com>', 'ase@example.no', 'Photos and receipt',
       'Sun, 11 Oct 2026 09:00:00 +0000', '<attach@example.com>')
m.attach(MIMEText('See attached.', 'plain', 'utf-8'))
img = MIMEImage(png(), 'png')
img.add_header('Content-Disposition', 'attachment', filename='photo.png')
m.attach(img)
pdf = MIMEApplication(b'%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'pdf')
pdf.add_header('Content-Disposition', 'attachment', filename='../../etc/passwd')
m.attach(pdf)
doc = MIMEApplication('kvittering'.encode(), 'octet-stream')
doc.add_header('Content-Disposition', 'attachment', filename=('utf-8', '', 'kvittering blåbær.txt'))
m.attach(doc)
write('attachments.eml', m)

# Emoji and right-to-left text in the subject.
t = MIMEText('שלום — مرحبا', 'plain', 'utf-8')
common(t, 'Seller <s@example.com>', 'ase@example.no', '📦 הזמנה שלך – طلبك 🚚',
       'Mon, 12 Oct 2026 09:00:00 +0000', '<rtl@example.com>')
write('rtl-emoji.eml', t)

# No headers at all.
open('no-headers.eml', 'wb').write(b'just some text\r\nwith no headers at all\r\n')

# An mboxrd with a broken message in the middle and quoted From lines.
good1 = open('seller-latin1.eml', 'rb').read().replace(b'\r\n', b'\n')
good2 = (b'From: Seller <s@example.com>\nTo: ase@example.no\nSubject: Second\n'
         b'Date: Tue, 13 Oct 2026 09:00:00 +0000\nMessage-ID: <second@example.com>\n\n'
         b'This line is quoted in mboxrd:\n>From here on, all is well.\n>>From a nested quote.\n')
broken = b'\x00\x01garbage without headers\n'
open('three.mbox', 'wb').write(
    b'From seller@butikk-ost.example Mon Oct  5 09:15:00 2026\n' + good1 + b'\n\n'
    + b'From MAILER-DAEMON Mon Oct  5 10:00:00 2026\n' + broken + b'\n'
    + b'From s@example.com Tue Oct 13 09:00:00 2026\n' + good2 + b'\n')
