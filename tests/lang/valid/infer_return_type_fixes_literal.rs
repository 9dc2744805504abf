// The literal is returned from an async fn whose output is u8.
async fn small() -> u8 {
    let x = 200;
    yield_now().await;
    x
}

async fn main() {
    let v = small().await;
    println!("{}", v);
}
