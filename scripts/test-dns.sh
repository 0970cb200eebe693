#!/usr/bin/env bash
# Starts a test-only dnsmasq (Debian package dnsmasq-base) on a loopback address, in the background,
# serving only the zone lines in the given config file, and prints "PID PORT".
# It never forwards to a real resolver: no-resolv, no-hosts, and only loopback listen addresses.
#
#   scripts/test-dns.sh ZONE.conf [ADDRESS] [PORT]     (ADDRESS default 127.0.0.1, PORT default: a free one)
#   stop it with: kill PID
set -euo pipefail
zone=${1:?usage: test-dns.sh ZONE.conf [ADDRESS] [PORT]}
address=${2:-127.0.0.1}
port=${3:-0}
case "$address" in 127.*|::1) ;; *) echo "test-dns.sh: refusing non-loopback address $address" >&2; exit 2 ;; esac
dnsmasq=$(command -v dnsmasq || echo /usr/sbin/dnsmasq)
[ -x "$dnsmasq" ] || { echo "test-dns.sh: dnsmasq not installed (apt-get install dnsmasq-base)" >&2; exit 1; }
if [ "$port" = 0 ]; then
  port=$(node -e 'const s=require("net").createServer();s.listen(0,process.argv[1],()=>{console.log(s.address().port);s.close()})' "$address")
fi
dir=$(mktemp -d)
{
  printf 'no-resolv\nno-hosts\nno-poll\nbind-interfaces\nlisten-address=%s\nport=%s\ncache-size=0\nlog-queries\nlog-facility=-\n' "$address" "$port"
  cat "$zone"
} >"$dir/dnsmasq.conf"
user=(); [ "$(id -u)" = 0 ] && user=(--user=nobody)
"$dnsmasq" --keep-in-foreground -C "$dir/dnsmasq.conf" --pid-file= "${user[@]}" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 50); do
  kill -0 "$pid" 2>/dev/null || { cat "$dir/log" >&2; exit 1; }
  grep -q 'started, version' "$dir/log" && { echo "$pid $port"; exit 0; }
  sleep 0.1
done
kill "$pid"; echo "test-dns.sh: dnsmasq did not start" >&2; exit 1
