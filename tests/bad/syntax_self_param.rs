fn len(&self) -> usize {
    0
}

async fn main() {
    println!("hi");
}
