package dev.neoagent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import javax.net.ServerSocketFactory;

/**
 * Server sockets whose accepted connections have TCP_NODELAY set. MockWebServer flushes the
 * response headers and the body separately; with Nagle's algorithm on, the body waits for the
 * client's delayed ACK (~40 ms on Linux), so every call to the fake took ~45 ms instead of ~1.
 *
 * <p>It also tells the dispatcher which connection a request came on ({@link #currentConnection}), so that the
 * order feed can drop one abruptly: MockWebServer gives no access to the socket, and its server-side websocket
 * cannot be cancelled. MockWebServer serves each connection on one thread, which opens the socket's input stream
 * before it reads the first request; that thread is the one that calls the dispatcher.
 */
final class NoDelayServerSocketFactory extends ServerSocketFactory {
    private final ThreadLocal<Socket> servedByThisThread = new ThreadLocal<>();

    private final class NoDelayServerSocket extends ServerSocket {
        NoDelayServerSocket() throws IOException {
            super();
        }

        @Override
        public Socket accept() throws IOException {
            Socket socket = new TrackedSocket();
            implAccept(socket);
            socket.setTcpNoDelay(true);
            return socket;
        }
    }

    /** Remembers, per serving thread, the connection whose input that thread reads. */
    private final class TrackedSocket extends Socket {
        @Override
        public InputStream getInputStream() throws IOException {
            servedByThisThread.set(this);
            return super.getInputStream();
        }
    }

    /** The connection the calling MockWebServer thread is serving (call it from the dispatcher), or null. */
    Socket currentConnection() {
        return servedByThisThread.get();
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
