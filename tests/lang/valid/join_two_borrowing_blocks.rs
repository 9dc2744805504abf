// Two futures borrowing the same String, polled together by `join`.
async fn main() {
    let s = String::from("both");
    let a = async {
        sleep(Duration::from_millis(10)).await;
        s.len()
    };
    let b = async {
        sleep(Duration::from_millis(5)).await;
        s.len() * 2
    };
    let (x, y) = join(a, b).await;
    println!("{} {} {}", x, y, s);
}
