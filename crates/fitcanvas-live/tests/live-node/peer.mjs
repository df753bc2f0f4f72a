// A Yjs client in JavaScript for crates/fitcanvas-live/tests/live_sync.rs: joins the room at the URL (an invite) given, adds a
// pain and links a pain reliever to it through the schema of docs/design/live.md, prints
// "wrote pain-js", then waits for a gain of weight 5 written by Fitcanvas and prints
// "read ID gains 5 TEXT".
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import WebSocket from 'ws'

// An invite (ws://host:port/room?token=SECRET) as y-websocket takes it: server, room, params.
const url = new URL(process.argv[2])
const doc = new Y.Doc()
const provider = new WebsocketProvider(`${url.protocol}//${url.host}`, url.pathname.slice(1), doc, {
  WebSocketPolyfill: WebSocket,
  params: Object.fromEntries(url.searchParams)
})
setTimeout(() => {
  console.error('peer.mjs: timed out')
  process.exit(1)
}, 15000)

const notes = doc.getMap('notes')

function check () {
  for (const [id, note] of notes) {
    if (note.get('section') === 'gains' && note.get('weight') === 5) {
      console.log(`read ${id} gains 5 ${note.get('text').toString()}`)
      provider.destroy()
      process.exit(0)
    }
  }
}

provider.once('sync', () => {
  doc.transact(() => {
    const note = new Y.Map()
    notes.set('pain-js', note)
    note.set('section', 'pains')
    note.set('order', '1') // before any key Fitcanvas makes for the first note ("i")
    note.set('text', new Y.Text('Written in JavaScript'))
    note.set('weight', 4)
    note.set('kind', 'obstacle')
    note.set('status', 'assumption')
    note.set('votes', new Y.Map())
    note.set('addresses', new Y.Map())
    note.set('evidence', new Y.Map())
    notes.get('reliever-1').get('addresses').set('pain-js', 'z')
  })
  console.log('wrote pain-js')
  notes.observeDeep(check)
  check()
})
