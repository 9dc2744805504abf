// A non-move async block may borrow a local when it is awaited before the local goes away.
async fn main() {
    let s = String::from("borrowed");
    let fut = async {
        yield_now().await;
        s.len()
    };
    let n = fut.await;
    println!("{} {}", s, n);
}
