// The branches of an `if` must have one type.
async fn main() {
    let fast = true;
    let ms = if fast { 10 } else { "slow" };
    println!("{}", ms);
}
