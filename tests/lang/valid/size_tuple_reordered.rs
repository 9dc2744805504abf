// rustc orders a tuple's fields by alignment: (u8, u64, u8) is 16 bytes, not 24.
async fn main() {
    let t: (u8, u64, u8) = (1, 2, 3);
    yield_now().await;
    println!("{} {} {}", t.0, t.1, t.2);
}
