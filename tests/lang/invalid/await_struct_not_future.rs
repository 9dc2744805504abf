struct Ticket {
    id: u32,
}

async fn main() {
    let t = Ticket { id: 1 };
    let v = t.await;
    println!("{}", v);
}
