// The range's integers take the type of the total they are added to (u64), not i32.
async fn main() {
    let mut total: u64 = 0;
    for i in 0..3 {
        total += i;
        yield_now().await;
    }
    println!("total = {}", total);
}
