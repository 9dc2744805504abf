// A String moved into an async fn and given back each iteration.
async fn work_on(s: String) -> String {
    sleep(Duration::from_millis(1)).await;
    s
}
async fn main() {
    let mut s = String::from("a");
    for _ in 0..3 {
        s = work_on(s).await;
    }
    println!("{}", s);
}
