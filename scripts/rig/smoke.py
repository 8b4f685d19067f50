#!/usr/bin/env python3
"""Smoke test of a running rig: python3 scripts/rig/smoke.py DIR/rig.properties

Checks TLS/STARTTLS, logins, CAPABILITY/CAPA/EHLO, SMTP->Dovecot delivery, LMTP.
Prints what it sees; raises on any failure."""
import sys, ssl, socket, time, imaplib, poplib, smtplib
props = dict(l.split('=',1) for l in open(sys.argv[1]).read().splitlines() if '=' in l and not l.startswith('#'))
H = props['host']; P = lambda k: int(props[k+'.port'])
ctx = ssl.create_default_context(cafile=props['dir']+'/tls/localhost.crt')
# raw IMAP LOGIN on the plain port
s = socket.create_connection((H, P('imap'))); f = s.makefile('rwb')
print('IMAP greeting:', f.readline().decode().strip())
f.write(b'a1 LOGIN alice alice-pw-1\r\n'); f.flush()
while True:
    l = f.readline().decode().strip(); print('IMAP raw:', l)
    if l.startswith('a1 '): break
f.write(b'a2 CAPABILITY\r\n'); f.flush()
print('IMAP CAPA after login:', f.readline().decode().strip()); f.readline()
f.write(b'a3 LIST "" "*"\r\n'); f.flush()
while True:
    l = f.readline().decode().strip(); print('  ', l)
    if l.startswith('a3 '): break
s.close()
# imaplib STARTTLS + CRAM-MD5 as alice@localhost; IMAPS for bob
m = imaplib.IMAP4(H, P('imap')); print('IMAP pre-TLS caps:', m.capabilities); m.starttls(ssl_context=ctx)
print('IMAP post-STARTTLS caps:', m.capabilities); print('CRAM alice@localhost:', m.login_cram_md5('alice@localhost','alice-pw-1')[0]); m.logout()
m = imaplib.IMAP4_SSL(H, P('imaps'), ssl_context=ctx); print('IMAPS bob:', m.login('bob@localhost','bob-pw-2')[0]); m.logout()
m = imaplib.IMAP4_SSL(H, P('imaps'), ssl_context=ctx)
try: m.login('alice','wrong'); print('BAD: wrong pw accepted')
except imaplib.IMAP4.error as e: print('wrong pw ->', e)
# POP3
p = poplib.POP3(H, P('pop3')); print('POP3 CAPA plain:', p.capa()); p.stls(context=ctx); print('POP3 CAPA after STLS:', p.capa()); p.user('alice'); print('POP3 login:', p.pass_('alice-pw-1')); p.quit()
p = poplib.POP3_SSL(H, P('pop3s'), context=ctx); print('POP3S login bob:', p.user('bob@localhost'), p.pass_('bob-pw-2')); p.quit()
# SMTP EHLO on each port
for name in ('smtp','submission'):
    c = smtplib.SMTP(H, P(name)); c.ehlo('client.test'); print(f'EHLO {name} plain:', c.esmtp_features)
    c.starttls(context=ctx); c.ehlo('client.test'); print(f'EHLO {name} after STARTTLS:', c.esmtp_features); c.quit()
c = smtplib.SMTP_SSL(H, P('smtps'), context=ctx); c.ehlo('client.test'); print('EHLO smtps:', c.esmtp_features); c.quit()
# submission: no AUTH before TLS? relay without auth rejected; AUTH PLAIN works
c = smtplib.SMTP(H, P('submission')); c.ehlo('x')
try: c.mail('bob@localhost'); print('submission MAIL before TLS:', c.rcpt('alice@localhost'))
except smtplib.SMTPException as e: print('submission MAIL before TLS ->', e)
c.close()
c = smtplib.SMTP(H, P('submission')); c.starttls(context=ctx); c.ehlo('x')
c.mail('bob@localhost'); print('submission unauth RCPT:', c.rcpt('alice@localhost')); c.rset()
print('submission AUTH PLAIN:', c.login('bob@localhost','bob-pw-2', initial_response_ok=True))
tag = 'rigcheck-%d' % time.time()
c.sendmail('bob@localhost', ['alice@localhost'], f'From: bob@localhost\r\nTo: alice@localhost\r\nSubject: {tag} via submission\r\n\r\nhello\r\n'); c.quit()
# plain smtp port, unauthenticated from 127.0.0.1 (mynetworks), plus an SMTPUTF8 message
c = smtplib.SMTP(H, P('smtp')); c.ehlo('x')
c.sendmail('bob@localhost', ['alice@localhost'], f'From: bob@localhost\r\nTo: alice@localhost\r\nSubject: {tag} via smtp\r\n\r\nhello\r\n')
c.sendmail('bøb@localhost', ['alice@localhost'], f'From: bøb@localhost\r\nTo: alice@localhost\r\nSubject: {tag} ünïcode\r\n\r\nhéllo\r\n'.encode(), mail_options=['SMTPUTF8','BODY=8BITMIME'])
try: c.sendmail('bob@localhost', ['nobody-here@localhost'], 'Subject: x\r\n\r\nx\r\n'); print('unknown rcpt accepted at SMTP (expected: bounced later)')
except smtplib.SMTPException as e: print('unknown rcpt ->', e)
c.quit()
t0 = time.time()
m = imaplib.IMAP4_SSL(H, P('imaps'), ssl_context=ctx); m.login('alice','alice-pw-1')
while True:
    m.select('INBOX'); typ, d = m.search('UTF-8', 'SUBJECT', tag.encode())
    n = len(d[0].split())
    if n >= 3 or time.time()-t0 > 10: break
    time.sleep(0.2)
print(f'INBOX has {n} messages with tag after {time.time()-t0:.1f}s')
assert n == 3, 'messages not delivered to INBOX'
for i in d[0].split():
    print('  ', m.fetch(i, '(BODY.PEEK[HEADER.FIELDS (SUBJECT RETURN-PATH DELIVERED-TO)])')[1][0][1].decode('utf-8','replace').strip().replace('\r\n',' | '))
print('GETQUOTAROOT:', m.getquotaroot('INBOX'))
m.logout()
p = poplib.POP3_SSL(H, P('pop3s'), context=ctx); p.user('alice'); p.pass_('alice-pw-1'); print('POP3 STAT:', p.stat(), 'UIDL:', p.uidl()[1][:1]); p.quit()
# LMTP LHLO
s = socket.create_connection((H, P('lmtp'))); f = s.makefile('rwb'); print('LMTP:', f.readline().decode().strip())
f.write(b'LHLO x\r\n'); f.flush(); caps=[]
while True:
    l = f.readline().decode().strip(); caps.append(l[4:])
    if l[3] == ' ': break
print('LMTP LHLO:', caps)
f.write(b'MAIL FROM:<bob@localhost>\r\n'); f.flush(); f.readline()
f.write(b'RCPT TO:<ghost@localhost>\r\n'); f.flush(); print('LMTP unknown rcpt:', f.readline().decode().strip())
f.write(b'QUIT\r\n'); f.flush(); s.close()
