// The closure's parameter type comes from the iterator's items (u8 here).
async fn main() {
    let bytes: Vec<u8> = vec![1, 2, 3];
    let wide: Vec<u32> = bytes.iter().map(|b| *b as u32 * 1000).collect();
    yield_now().await;
    println!("{:?}", wide);
}
