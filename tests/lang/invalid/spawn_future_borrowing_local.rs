// The future of `count(&s)` borrows `s`, but a spawned task must own everything it uses.
async fn count(s: &String) -> usize {
    s.len()
}

async fn main() {
    let s = String::from("abc");
    spawn(count(&s));
    sleep(Duration::from_millis(1)).await;
}
