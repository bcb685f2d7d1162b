// Reference WebTorrent tracker for the HlsSwarm tracker load benchmark (issue 2).
// Starts bittorrent-tracker 11.2.3's server with only the WebSocket tracker enabled, on 127.0.0.1.
//
//   node server.mjs [--port 8000] [--host 127.0.0.1]
//
// Prints "listening <port>" on stdout once the socket is bound, so a runner can wait for it.
import Server from 'bittorrent-tracker/server'

function arg (name, fallback) {
  const i = process.argv.indexOf(`--${name}`)
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback
}

const port = Number(arg('port', '8000'))
const host = arg('host', '127.0.0.1')

const server = new Server({ http: false, udp: false, ws: true, stats: false })

server.on('error', err => { console.error(`error: ${err.message}`) })
server.on('warning', () => { /* per-request warnings (bad input) are counted by the load generator */ })
server.on('listening', () => { console.log(`listening ${server.ws.address().port}`) })

server.listen(port, host)

const stop = () => server.close(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
