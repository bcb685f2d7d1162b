# Re-captures ChromiumCapture.cs: as root, `unshare -n -- bash run-in-namespace.sh`; output in /tmp/chromium-ice-capture.json.
ip link set lo up
ip link add p2pa type veth peer name p2pb
ip addr add 10.77.0.1/24 dev p2pa
ip link set p2pa up; ip link set p2pb up
ip route add default via 10.77.0.2 dev p2pa
node "$(dirname "$0")/chromium-ice-capture.mjs" &
NODE=$!
sleep 0.5
chromium --headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run --user-data-dir=/tmp/chromium-ice-capture-profile http://127.0.0.1:8123/ >/tmp/chromium-ice-capture.log 2>&1 &
CHROME=$!
wait $NODE
kill $CHROME 2>/dev/null
wait $CHROME 2>/dev/null
