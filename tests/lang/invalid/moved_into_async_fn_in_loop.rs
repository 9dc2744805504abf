// Each iteration hands `s` to the async fn; from the second one on it is gone.
async fn work_on(s: String) -> usize {
    sleep(Duration::from_millis(1)).await;
    s.len()
}

async fn main() {
    let s = String::from("a");
    for _ in 0..3 {
        let n = work_on(s).await;
        println!("{}", n);
    }
}
