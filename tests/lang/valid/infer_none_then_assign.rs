// `None` first, the payload type from a later assignment.
async fn main() {
    let mut best = None;
    for score in [3u32, 9, 4] {
        yield_now().await;
        if score > 5 {
            best = Some(score);
        }
    }
    match best {
        Some(s) => println!("best {}", s),
        None => println!("none"),
    }
}
