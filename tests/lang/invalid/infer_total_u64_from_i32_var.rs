// `step` is an i32 (annotated), so it cannot be added to a u64 total.
async fn main() {
    let mut total: u64 = 0;
    let step: i32 = 5;
    total += step;
    println!("{}", total);
}
