// The lecture's event loop, on one thread: three connections in non-blocking mode, and a loop that
// asks which of them can be read (`epoll_wait`, the emulator's epoll) and reads only those.
// No `read` ever blocks: one with nothing to read returns an error of kind WouldBlock at once.

use std::io::{ErrorKind, Read};
use std::net::{TcpListener, TcpStream};

fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").unwrap();
    let mut conns: Vec<TcpStream> = Vec::new();
    for _ in 0..3 {
        let (socket, _) = listener.accept().unwrap();
        socket.set_nonblocking(true).unwrap();
        conns.push(socket);
    }
    loop {
        let ready = epoll_wait(&conns);
        println!("epoll => {:?}", ready);
        for id in ready {
            let mut buf = [0; 8];
            loop {
                match conns[id].read(&mut buf) {
                    Ok(0) => {
                        println!("read({}) => closed", id);
                        break;
                    }
                    Ok(n) => println!("read({}) => {} bytes", id, n),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        println!("read({}) => WouldBlock", id);
                        break;
                    }
                    Err(e) => panic!("read failed: {}", e),
                }
            }
        }
    }
}
