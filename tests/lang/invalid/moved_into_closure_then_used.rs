// A `move` closure takes the String; the caller cannot use it afterwards.
async fn main() {
    let greeting = String::from("hi");
    let f = ready(String::from("there")).map(move |t| t.len() + greeting.len());
    println!("{}", greeting);
    println!("{}", f.await);
}
