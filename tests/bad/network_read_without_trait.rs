use tokio::net::TcpListener;

async fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").await.unwrap();
    let (mut socket, _) = listener.accept().await.unwrap();
    let mut buf = [0; 16];
    let n = socket.read(&mut buf).await.unwrap();
    println!("{}", n);
}
