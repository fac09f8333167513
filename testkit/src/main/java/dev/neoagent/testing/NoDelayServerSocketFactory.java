package dev.neoagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have TCP_NODELAY set. MockWebServer flushes the
 * response headers and the body separately; with Nagle's algorithm on, the body waits for the
 * client's delayed ACK (~40 ms on Linux), so every call to the fake took ~45 ms instead of ~1.
 *
 * <p>Each accepted socket also remembers itself as the current one of the thread that opens its
 * input stream. MockWebServer serves a connection on one thread, opening the stream first and
 * then calling the dispatcher on that same thread, so the dispatcher can learn which socket a
 * request came on ({@link #currentSocket()}). The fake market feed needs it to drop a websocket
 * abruptly: MockWebServer's server-side websocket cannot be cancelled (it has no call). The order feed
 * drops its connections the same way.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {
    private static final ThreadLocal<Socket> CURRENT = new ThreadLocal<>();

    /** The socket the calling MockWebServer thread serves, or null on any other thread. */
    static Socket currentSocket() {
        return CURRENT.get();
    }

    /** The same, for the order feed, which holds the factory the server was given. */
    Socket currentConnection() {
        return currentSocket();
    }

    private static final class TrackedSocket extends Socket {
        @Override
        public InputStream getInputStream() throws IOException {
            CURRENT.set(this);
            return super.getInputStream();
        }
    }

    private static final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            if (isClosed()) {
                throw new SocketException("Socket is closed");
            }
            if (!isBound()) {
                throw new SocketException("Socket is not bound yet");
            }
            Socket socket = new TrackedSocket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
        return new NoDelayServerSocket();
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(port));
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(port), backlog);
        return socket;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
        ServerSocket socket = createServerSocket();
        socket.bind(new java.net.InetSocketAddress(address, port), backlog);
        return socket;
    }
}
