async fn main() {
    let listener = TcpListener::bind("127.0.0.1:8080").await.unwrap();
    let _ = listener;
}
