// Option of a bool, a String or a Duration costs nothing extra (a niche); of a u64 it needs a tag.
async fn main() {
    let a: Option<bool> = Some(true);
    let b: Option<String> = Some(String::from("x"));
    let c: Option<Duration> = None;
    let d: Option<u64> = Some(7);
    yield_now().await;
    println!("{:?} {:?} {:?} {:?}", a, b, c.is_none(), d);
}
