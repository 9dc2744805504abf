// The closure's parameter type comes from the call that uses it.
async fn main() {
    let double = |x| x * 2;
    let n: u64 = 21;
    let d = double(n);
    yield_now().await;
    println!("{}", d);
}
