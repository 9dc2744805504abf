async fn countdown(n: u32) -> u32 {
    if n == 0 {
        0
    } else {
        countdown(n - 1).await
    }
}

async fn main() {
    println!("{}", countdown(3).await);
}
