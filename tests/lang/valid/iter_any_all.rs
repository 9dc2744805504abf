// `any` stops at the first item that satisfies it; `all` at the first that does not.
async fn main() {
    let xs = [2, 4, 7];
    let has_odd = xs.iter().any(|x| x % 2 == 1);
    let all_small = xs.iter().all(|x| *x < 10);
    yield_now().await;
    println!("{} {}", has_odd, all_small);
}
