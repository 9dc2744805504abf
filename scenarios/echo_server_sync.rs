// The lecture's simple server, written with std: the main thread accepts connections, and every
// connection gets a thread of its own whose `read` blocks until its client sends something.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::thread;

fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").unwrap();
    loop {
        let (mut socket, _) = listener.accept().unwrap();
        thread::spawn(move || {
            let mut buf = [0; 1024];
            let n = socket.read(&mut buf).unwrap();
            socket.write_all(&buf[0..n]).unwrap();
        });
    }
}
