#!/usr/bin/env bash
# Installs and starts what the test suites need, when it is missing: Debian's chromium
# (browser tests), dovecot (IMAP tests), CJK fonts (readable screenshots) and PostgreSQL.
# Idempotent: on a machine that has everything it only checks.
set -euo pipefail

# Each package is checked by the file it provides, not by a neighbour: a machine with
# dovecot-imapd but no dovecot-lmtpd (or a PostgreSQL client without a server) still gets the rest.
need=()
have_file() { compgen -G "$1" >/dev/null; }
have_file /usr/bin/chromium || need+=(chromium)
have_file /usr/sbin/dovecot || need+=(dovecot-core)
have_file /usr/lib/dovecot/imap || need+=(dovecot-imapd)
have_file /usr/lib/dovecot/lmtp || need+=(dovecot-lmtpd)
{ command -v fc-list >/dev/null && fc-list 2>/dev/null | grep -qi "noto sans cjk"; } || need+=(fonts-noto-cjk fontconfig)
have_file "/usr/lib/postgresql/*/bin/postgres" || need+=(postgresql)
command -v pg_ctlcluster >/dev/null 2>&1 || need+=(postgresql-common)
command -v pg_isready >/dev/null 2>&1 || need+=(postgresql-client)

if ((${#need[@]})); then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# PostgreSQL on 127.0.0.1:5432 with a database `test` reachable as postgres/postgres.
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
as_postgres() { if command -v runuser >/dev/null; then runuser -u postgres -- "$@"; else su postgres -c "$*"; fi; }
# A fresh Debian cluster uses password auth on TCP; give the postgres role the password the
# tests use (harmless where trust auth is configured) and create the database.
as_postgres psql -q -h /var/run/postgresql -c "alter user postgres password 'postgres'" >/dev/null
as_postgres psql -h /var/run/postgresql -tAc "select 1 from pg_database where datname = 'test'" | grep -q 1 ||
  as_postgres psql -q -h /var/run/postgresql -c "create database test" >/dev/null
echo "test services ready: postgres $(pg_isready -h 127.0.0.1 -p 5432), chromium, dovecot"
