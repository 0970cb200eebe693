import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';

/**
 * A port that is free for both TCP and UDP on the given loopback address at the time of asking.
 *
 * DNS needs both, so a TCP-only check is not enough; callers still retry, since the port can be taken
 * between this check and their bind.
 */
export async function findFreePort(address = '127.0.0.1'): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.once('error', reject);
      server.listen(0, address, () => {
        const bound = server.address();
        server.close(() => resolve(typeof bound === 'object' && bound !== null ? bound.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, address, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error(`no free TCP+UDP port on ${address}`);
}
