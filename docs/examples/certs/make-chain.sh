#!/bin/sh
# Regenerates the certificate chain the tour's chapter 11 walks (root.pem, intermediate.pem,
# leaf.pem), made by the openssl command line as a small CA would: `openssl req -x509` for
# the root, `openssl ca` for the intermediate and the leaf, P-256 keys, fixed validity
# (2026-01-01 to 2036-01-01) so the chapter's output does not depend on the day it runs.
# The keys are thrown away. Run from this directory: sh make-chain.sh (then
# UPDATE_DOCS=1 npx jest test/docs, since the chapter prints these certificates).
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
here=$(pwd)
cd "$work"
cat > ca.cnf <<'CNF'
[ ca ]
default_ca = CA_default
[ CA_default ]
database = ./index.txt
new_certs_dir = .
serial = ./serial
default_md = sha256
policy = policy_any
email_in_dn = no
unique_subject = no
copy_extensions = none
[ policy_any ]
countryName = optional
organizationName = optional
commonName = supplied
[ root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[ intermediate ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ server ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.example.com, DNS:example.com
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
: > index.txt
echo 1000 > serial
for k in root intermediate leaf; do openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out $k.key; done
openssl req -new -key root.key -subj "/C=US/O=Example Trust/CN=Example Root CA" -out root.csr
openssl ca -batch -selfsign -config ca.cnf -keyfile root.key -extensions root -in root.csr \
  -startdate 20260101000000Z -enddate 20360101000000Z -notext -out root.pem
openssl req -new -key intermediate.key -subj "/C=US/O=Example Trust/CN=Example Issuing CA" -out intermediate.csr
openssl ca -batch -config ca.cnf -cert root.pem -keyfile root.key -extensions intermediate -in intermediate.csr \
  -startdate 20260101000000Z -enddate 20310101000000Z -notext -out intermediate.pem
openssl req -new -key leaf.key -subj "/CN=www.example.com" -out leaf.csr
openssl ca -batch -config ca.cnf -cert intermediate.pem -keyfile intermediate.key -extensions server -in leaf.csr \
  -startdate 20260101000000Z -enddate 20270401000000Z -notext -out leaf.pem
cp root.pem intermediate.pem leaf.pem "$here"
