// A `Range<i32>` saved across an `.await` is 8 bytes; it borrows nothing.
async fn main() {
    let mut sum = 0;
    for i in 0..3 {
        yield_now().await;
        sum += i;
    }
    println!("{}", sum);
}
