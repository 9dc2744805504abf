// An async fn taking a reference: the future borrows `s` until it is awaited.
async fn count(s: &String) -> usize {
    sleep(Duration::from_millis(5)).await;
    s.len()
}

async fn main() {
    let s = String::from("four");
    let n = count(&s).await;
    println!("{} {}", s, n);
}
