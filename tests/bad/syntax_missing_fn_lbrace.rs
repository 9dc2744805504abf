async fn helper() -> u32
    1
}

async fn main() {
    println!("{}", helper().await);
}
