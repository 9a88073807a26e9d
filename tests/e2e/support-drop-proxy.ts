import net from 'node:net';

/**
 * A TCP pass-through on loopback between a browser page and the e2e server, so a test can cut the network
 * under an open page for real: `drop('reset')` closes every open connection and resets new ones (a lost Wi-Fi),
 * `drop('502')` answers new requests "502 Bad Gateway" (a reverse proxy while the app restarts); `restore()`
 * passes traffic again. Playwright's offline emulation does not cut an already open event stream.
 */
export async function startDropProxy(targetPort: number) {
  let mode: 'pass' | 'reset' | '502' = 'pass';
  let refused = 0;
  const open = new Set<net.Socket>();
  const server = net.createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => {});
    if (mode === 'reset') {
      refused++;
      return void client.resetAndDestroy();
    }
    if (mode === '502') {
      client.once('data', () => {
        refused++;
        client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      });
      return;
    }
    const upstream = net.connect(targetPort, '127.0.0.1');
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    drop(how: 'reset' | '502') {
      mode = how;
      refused = 0;
      for (const socket of open) socket.destroy();
    },
    /** Requests or connections turned away since the last drop: proof the page really tried while cut off. */
    refused: () => refused,
    restore() {
      mode = 'pass';
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
